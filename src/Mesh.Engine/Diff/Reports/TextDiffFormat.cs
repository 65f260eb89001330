using System.Text;

namespace Mesh.Engine.Diff.Reports;

/// <summary><c>--format text</c>: for a person at a terminal; one block per change, consumers under it.</summary>
public sealed class TextDiffFormat : IDiffFormat
{
    public string Write(DiffOutcome outcome)
    {
        var report = outcome.Report;
        var s = report.Summary;
        var text = new StringBuilder();
        text.Append($"{s.Repo}: {s.Base} -> {s.Head}: {ReportText.Counts(s)}").AppendLine();
        text.AppendLine(s.Verdict);
        foreach (var c in report.Changes)
        {
            text.AppendLine();
            text.Append($"{c.Level.Name(),-4}  {c.Method} {c.Path}  {c.Location}  [{c.Rule}]{(c.Id.Length == 0 ? "" : $"  id {c.Id}")}").AppendLine();
            text.Append("      ").AppendLine(c.Message);
            if (c.File is not null) text.Append("      at ").AppendLine(ReportText.Where(c.File, c.Line));
            if (c.Before is not null) text.Append("      before: ").AppendLine(c.Before);
            if (c.After is not null) text.Append("      after:  ").AppendLine(c.After);
            foreach (var a in c.Affected)
                text.Append($"      affects {a.Repo} {a.File}:{a.Line}  {a.Method} {a.Url}  {a.Level.Name()}{(a.IsTest ? " (test)" : "")}: {a.Evidence}").AppendLine();
        }
        if (outcome.Ignored.Count > 0)
        {
            text.AppendLine().Append($"Ignored by {outcome.IgnoreFile}: {ReportText.Plural(outcome.Ignored.Count, "change")}").AppendLine();
            foreach (var i in outcome.Ignored)
                text.Append($"  {i.Change.Level.Name(),-4}  {i.Change.Method} {i.Change.Path}  {i.Change.Location}  [{i.Change.Rule}]  line {i.Entry.Line}" +
                    (i.Entry.Until is null ? "" : $", until {ReportText.Date(i.Entry.Until)}") + (i.Entry.Reason is null ? "" : $": {i.Entry.Reason}")).AppendLine();
        }
        if (outcome.Expired.Count > 0)
        {
            text.AppendLine().Append($"Expired entries in {outcome.IgnoreFile} (they no longer ignore anything):").AppendLine();
            foreach (var e in outcome.Expired)
                text.Append($"  line {e.Entry.Line}: {e.Entry}; expired after {ReportText.Date(e.Entry.Until)}" +
                    (e.Matches > 0 ? $", {ReportText.Plural(e.Matches, "change")} reported again" : "")).AppendLine();
        }
        return text.ToString();
    }
}
