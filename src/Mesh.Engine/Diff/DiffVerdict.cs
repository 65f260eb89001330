namespace Mesh.Engine.Diff;

/// <summary>
/// The ship decision over a list of changes, judged by each change's <see cref="Change.EffectiveLevel"/>: a change
/// counts at its own level while no consumer is linked, and at its worst level for a linked consumer otherwise.
/// </summary>
public static class DiffVerdict
{
    /// <summary>True when some change reaches <paramref name="failOn"/>; null means never.</summary>
    public static bool Fails(IEnumerable<Change> changes, ChangeLevel? failOn) =>
        failOn is { } threshold && changes.Any(c => c.EffectiveLevel >= threshold);

    /// <summary>Counts by level, safe-to-ship and the verdict sentence for <paramref name="changes"/>.</summary>
    public static DiffSummary Summarize(string repo, string baseLabel, string headLabel, IReadOnlyList<Change> changes)
    {
        var errors = changes.Count(c => c.Level == ChangeLevel.Err);
        var breaking = changes.Where(c => c.EffectiveLevel == ChangeLevel.Err).ToList();
        var lowered = errors - breaking.Count;
        var verdict = breaking.Count == 0
            ? errors == 0 ? "safe to ship: no breaking change" : $"safe to ship: {errors} breaking change(s) touch no linked consumer that uses what changed"
            : $"not safe to ship: {breaking.Count} breaking change(s)" + (breaking.Sum(c => c.Affected.Count(a => a.Level == ChangeLevel.Err)) is var hit and > 0 ? $", {hit} consumer call site(s) affected" : "")
              + (lowered > 0 ? $"; {lowered} more touch no consumer" : "");
        return new DiffSummary(repo, baseLabel, headLabel, errors, changes.Count(c => c.Level == ChangeLevel.Warn), changes.Count(c => c.Level == ChangeLevel.Info),
            breaking.Count == 0, verdict);
    }

    /// <summary>The summary counted again over <paramref name="changes"/> (after an ignore file left some out).</summary>
    public static DiffSummary Recount(DiffSummary summary, IReadOnlyList<Change> changes) =>
        Summarize(summary.Repo, summary.Base, summary.Head, changes) with
        {
            OperationsBefore = summary.OperationsBefore,
            OperationsAfter = summary.OperationsAfter,
            FilesParsed = summary.FilesParsed,
        };
}
