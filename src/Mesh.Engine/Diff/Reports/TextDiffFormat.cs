using System.Text;
using Mesh.Engine.Context;

namespace Mesh.Engine.Diff.Reports;

/// <summary><c>--format text</c>: for a person at a terminal; one block per change, consumers under it.</summary>
public sealed class TextDiffFormat : IDiffFormat
{
    public string Write(DiffOutcome outcome)
    {
        var report = outcome.Report;
        var s = report.Summary;
        var text = new StringBuilder();
        // Every line starts with words of ours: a repo name at the start of a line could open markup for a reader of markdown.
        text.Append($"API diff of {L(s.Repo)}: {L(s.Base)} -> {L(s.Head)}: {ReportText.Counts(s)}").AppendLine();
        text.AppendLine(s.Verdict);
        foreach (var c in report.Changes)
        {
            text.AppendLine();
            text.Append($"{c.Level.Name(),-4}  {L(c.Method)} {L(c.Path)}  {L(c.Location)}  [{c.Rule}]{(c.Id.Length == 0 ? "" : $"  id {c.Id}")}").AppendLine();
            text.Append("      ").AppendLine(L(c.Message));
            if (c.File is not null) text.Append("      at ").AppendLine(L(ReportText.Where(c.File, c.Line)));
            if (c.Before is not null) text.Append("      before: ").AppendLine(L(c.Before));
            if (c.After is not null) text.Append("      after:  ").AppendLine(L(c.After));
            foreach (var a in c.Affected)
                text.Append($"      affects {L(a.Repo)} {L(a.File)}:{a.Line}  {L(a.Method)} {L(a.Url)}  {a.Level.Name()}{(a.IsTest ? " (test)" : "")}: {L(a.Evidence)}").AppendLine();
        }
        if (outcome.Ignored.Count > 0)
        {
            text.AppendLine().Append($"Ignored by {outcome.IgnoreFile}: {ReportText.Plural(outcome.Ignored.Count, "change")}").AppendLine();
            foreach (var i in outcome.Ignored)
                text.Append($"  {i.Change.Level.Name(),-4}  {L(i.Change.Method)} {L(i.Change.Path)}  {L(i.Change.Location)}  [{i.Change.Rule}]  line {i.Entry.Line}" +
                    (i.Entry.Until is null ? "" : $", until {ReportText.Date(i.Entry.Until)}") + (i.Entry.Reason is null ? "" : $": {L(i.Entry.Reason)}")).AppendLine();
        }
        if (outcome.Expired.Count > 0)
        {
            text.AppendLine().Append($"Expired entries in {outcome.IgnoreFile} (they no longer ignore anything):").AppendLine();
            foreach (var e in outcome.Expired)
                text.Append($"  line {e.Entry.Line}: {L(e.Entry.ToString())}; expired after {ReportText.Date(e.Entry.Until)}" +
                    (e.Matches > 0 ? $", {ReportText.Plural(e.Matches, "change")} reported again" : "")).AppendLine();
        }
        return text.ToString();
    }

    /// <summary>Repository text (paths, names, messages built from them) on one line: a line of this report is always ours.</summary>
    private static string L(string? text) => OneLine.Of(text);
}
