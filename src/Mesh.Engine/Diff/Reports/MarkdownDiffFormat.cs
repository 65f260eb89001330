using System.Text;
using Mesh.Engine.Context;

namespace Mesh.Engine.Diff.Reports;

/// <summary>
/// <c>--format markdown</c>: a summary table, then the changes grouped by endpoint (breaking endpoints first), each
/// group with the consumers it reaches. It is also the body of the pull-request comment and the job summary, so it
/// stays under <paramref name="maxLength"/> characters (GitHub refuses comments over 65,536): groups that do not fit
/// are counted instead of shown.
/// </summary>
public sealed class MarkdownDiffFormat(int maxLength = int.MaxValue) : IDiffFormat
{
    /// <summary>Room kept for the closing lines when the budget runs out.</summary>
    private const int Reserve = 400;

    public string Write(DiffOutcome outcome)
    {
        var report = outcome.Report;
        var s = report.Summary;
        var text = new StringBuilder();
        text.Append($"## Mesh API diff: {Span(s.Repo)} {Span(s.Base)} → {Span(s.Head)}").AppendLine().AppendLine();
        text.Append(s.SafeToShip ? "✅ **Safe to ship.** " : "❌ **Not safe to ship.** ").AppendLine(Cell(Reason(s.Verdict))).AppendLine();
        text.AppendLine("| level | meaning | changes |");
        text.AppendLine("| --- | --- | ---: |");
        text.AppendLine($"| ERR | breaking | {s.Errors} |");
        text.AppendLine($"| WARN | potentially breaking | {s.Warnings} |");
        text.AppendLine($"| INFO | changelog | {s.Infos} |");
        if (outcome.Ignored.Count > 0) text.AppendLine($"| ignored | accepted in {Code(outcome.IgnoreFile ?? "")} | {outcome.Ignored.Count} |");
        text.AppendLine();
        if (outcome.Expired.Count > 0) AppendExpired(text, outcome);

        var groups = report.Changes
            .Select((change, order) => (change, order))
            .GroupBy(x => (x.change.Method, x.change.Path))
            .OrderByDescending(g => g.Max(x => x.change.EffectiveLevel))
            .ThenBy(g => g.Min(x => x.order))
            .Select(g => g.Select(x => x.change).ToList())
            .ToList();
        var shown = 0;
        foreach (var group in groups)
        {
            var block = Group(group);
            if (text.Length + block.Length + Reserve > maxLength) break;
            text.Append(block);
            shown++;
        }
        if (shown < groups.Count)
        {
            var hidden = groups.Skip(shown).Sum(g => g.Count);
            text.Append($"_…and {ReportText.Plural(hidden, "more change")} on {ReportText.Plural(groups.Count - shown, "more endpoint")}, " +
                "left out to keep this report short: run `mesh diff` for all of them._").AppendLine().AppendLine();
        }
        if (outcome.Ignored.Count > 0 && text.Length + Reserve < maxLength) AppendIgnored(text, outcome);
        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>The verdict without its "Safe to ship:" lead, which the icon line already says.</summary>
    private static string Reason(string verdict)
    {
        var colon = verdict.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 && verdict[..colon].Contains("safe to ship", StringComparison.OrdinalIgnoreCase) ? Capitalize(verdict[(colon + 2)..]) : verdict;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Group(IReadOnlyList<Change> changes)
    {
        var first = changes[0];
        var text = new StringBuilder();
        text.Append($"### {Span($"{first.Method} {first.Path}")}").AppendLine().AppendLine();
        if (first.File is not null) text.Append($"Declared in {Span(ReportText.Where(first.File, first.Line))}").Append(first.EndpointId is null ? "" : $" · id {Span(first.EndpointId)}").AppendLine().AppendLine();
        text.AppendLine("| level | rule | where | change |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var c in changes)
        {
            var change = Cell(c.Message);
            if (c.Before is not null || c.After is not null)
                change += $"<br>{(c.Before is null ? "_none_" : Code(c.Before))} → {(c.After is null ? "_none_" : Code(c.After))}";
            text.Append($"| {Level(c.Level)} | {Code(c.Rule)} | {Code(c.Location)} | {change} |").AppendLine();
        }
        text.AppendLine();

        var consumers = changes.SelectMany(c => c.Affected)
            .GroupBy(a => a.CallSiteId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => a.Level).First())
            .OrderByDescending(a => a.Level).ThenBy(a => a.Repo, StringComparer.Ordinal).ThenBy(a => a.File, StringComparer.Ordinal).ThenBy(a => a.Line)
            .ToList();
        if (consumers.Count == 0)
        {
            text.AppendLine("No consumer in the workspace is linked to this endpoint.").AppendLine();
            return text.ToString();
        }
        text.Append($"Affected consumers ({consumers.Count}):").AppendLine().AppendLine();
        text.AppendLine("| level | repo | call site | request | why |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var a in consumers)
            text.Append($"| {Level(a.Level)} | {Code(a.Repo)} | {Code($"{a.File}:{a.Line}")}{(a.IsTest ? " (test)" : "")} | {Code($"{a.Method} {a.Url}")} | {Cell(a.Evidence)} |").AppendLine();
        text.AppendLine();
        return text.ToString();
    }

    private static void AppendExpired(StringBuilder text, DiffOutcome outcome)
    {
        var entries = outcome.Expired.Count == 1 ? "1 entry of {0} expired and no longer ignores" : $"{outcome.Expired.Count} entries of {{0}} expired and no longer ignore";
        text.Append("⚠️ ").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, entries, Span(outcome.IgnoreFile ?? ""))).AppendLine(" anything:").AppendLine();
        foreach (var e in outcome.Expired)
            text.Append($"- line {e.Entry.Line}: {Span(e.Entry.ToString())}, expired after {ReportText.Date(e.Entry.Until)}" +
                (e.Matches > 0 ? $"; {ReportText.Plural(e.Matches, "change")} reported again" : "")).AppendLine();
        text.AppendLine();
    }

    private static void AppendIgnored(StringBuilder text, DiffOutcome outcome)
    {
        text.Append($"<details><summary>{ReportText.Plural(outcome.Ignored.Count, "change")} ignored by <code>{Html(outcome.IgnoreFile ?? "")}</code></summary>").AppendLine().AppendLine();
        text.AppendLine("| level | endpoint | rule | where | entry |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var i in outcome.Ignored)
        {
            var entry = $"line {i.Entry.Line}" + (i.Entry.Until is null ? "" : $", until {ReportText.Date(i.Entry.Until)}") + (i.Entry.Reason is null ? "" : $": {i.Entry.Reason}");
            text.Append($"| {Level(i.Change.Level)} | {Code($"{i.Change.Method} {i.Change.Path}")} | {Code(i.Change.Rule)} | {Code(i.Change.Location)} | {Cell(entry)} |").AppendLine();
        }
        text.AppendLine().AppendLine("</details>").AppendLine();
    }

    private static string Level(ChangeLevel level) => level == ChangeLevel.Err ? "**ERR**" : level.Name();

    /// <summary>Table cell text (messages name paths, fields and values from the repo): one line, markup and pipes escaped.</summary>
    private static string Cell(string text) => Markdown.Text(text);

    /// <summary>A code span in a table cell (GitHub needs '\|' even in code in a table).</summary>
    private static string Code(string text) => Markdown.CellCode(text);

    /// <summary>A code span outside tables, never clipped.</summary>
    private static string Span(string text) => Markdown.FullCode(text);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
