using System.Text;
using Mesh.Engine.Context;

namespace Mesh.Engine.Diff.Reports;

/// <summary>
/// <c>--format github</c>: GitHub Actions workflow commands. Each change is an annotation on the operation's file
/// and line (<c>::error</c> for ERR, <c>::warning</c> for WARN, <c>::notice</c> for INFO) that names the consumers it
/// reaches; an expired ignore entry is a warning on its line; the last line is the verdict, as plain log text.
/// Paths are relative to the repo root, which is how GitHub places annotations on the repository the job runs for.
/// </summary>
public sealed class GitHubDiffFormat : IDiffFormat
{
    public string Write(DiffOutcome outcome)
    {
        var text = new StringBuilder();
        foreach (var c in outcome.Report.Changes)
        {
            var message = new StringBuilder(c.Message);
            if (c.Before is not null || c.After is not null) message.Append($"\nbefore: {c.Before ?? "none"}\nafter: {c.After ?? "none"}");
            foreach (var a in c.Affected)
                message.Append($"\naffects {a.Repo} {a.File}:{a.Line} {a.Method} {a.Url} ({a.Level.Name()}{(a.IsTest ? ", test" : "")}): {a.Evidence}");
            var properties = new List<(string, string)>();
            if (c.File is not null)
            {
                properties.Add(("file", c.File));
                if (c.Line > 0) properties.Add(("line", c.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            properties.Add(("title", $"{c.Level.Name()} {c.Rule}: {c.Method} {c.Path} ({c.Location})"));
            Command(text, Kind(c.Level), properties, message.ToString());
        }
        foreach (var e in outcome.Expired)
        {
            Command(text, "warning",
                [("file", outcome.IgnoreFile ?? ""), ("line", e.Entry.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("title", "expired ignore entry")],
                $"'{e.Entry}' expired after {ReportText.Date(e.Entry.Until)} and no longer ignores anything" +
                (e.Matches > 0 ? $"; {ReportText.Plural(e.Matches, "change")} reported again" : "") + ". Remove it, or extend 'until' if the change is still accepted.");
        }
        var s = outcome.Report.Summary;
        // The verdict is plain log text: a repo name or ref with a line break must not start a workflow command of its own.
        text.Append($"mesh diff {OneLine.Of(s.Repo)} {OneLine.Of(s.Base)} -> {OneLine.Of(s.Head)}: {ReportText.Counts(s)}" +
            (outcome.Ignored.Count > 0 ? $", {outcome.Ignored.Count} ignored" : "") + $". {s.Verdict}").Append('\n');
        return text.ToString();
    }

    private static string Kind(ChangeLevel level) => level switch
    {
        ChangeLevel.Err => "error",
        ChangeLevel.Warn => "warning",
        _ => "notice",
    };

    /// <summary>
    /// <c>::kind key=value,...::message</c>, escaped as the runner's toolkit does: data escapes <c>%</c>, CR, LF;
    /// property values also <c>:</c> and <c>,</c>.
    /// </summary>
    private static void Command(StringBuilder text, string kind, IReadOnlyList<(string Key, string Value)> properties, string message)
    {
        text.Append("::").Append(kind);
        for (var i = 0; i < properties.Count; i++)
            text.Append(i == 0 ? ' ' : ',').Append(properties[i].Key).Append('=').Append(EscapeProperty(properties[i].Value));
        text.Append("::").Append(EscapeData(message)).Append('\n');
    }

    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
