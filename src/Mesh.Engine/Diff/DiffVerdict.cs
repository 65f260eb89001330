namespace Mesh.Engine.Diff;

/// <summary>
/// The ship decision over a list of changes. A change counts at its own level while no consumer is linked to its
/// endpoint; once consumers are linked, at the highest level it has for any of them (a removed field that no
/// consumer reads is not breaking for anyone Mesh knows).
/// </summary>
public static class DiffVerdict
{
    public static ChangeLevel Severity(Change change) =>
        change.Affected.Count == 0 ? change.Level : change.Affected.Max(a => a.Level);

    /// <summary>True when some change reaches <paramref name="failOn"/>; null means never.</summary>
    public static bool Fails(IEnumerable<Change> changes, ChangeLevel? failOn) =>
        failOn is { } threshold && changes.Any(c => Severity(c) >= threshold);

    /// <summary>The summary counted again over <paramref name="changes"/> (after an ignore file removed some).</summary>
    public static DiffSummary Recount(DiffSummary summary, IReadOnlyList<Change> changes)
    {
        var safe = !Fails(changes, ChangeLevel.Err);
        return summary with
        {
            Errors = changes.Count(c => c.Level == ChangeLevel.Err),
            Warnings = changes.Count(c => c.Level == ChangeLevel.Warn),
            Infos = changes.Count(c => c.Level == ChangeLevel.Info),
            SafeToShip = safe,
            Verdict = Sentence(changes),
        };
    }

    /// <summary>One sentence a reviewer can act on: yes or no, and why.</summary>
    public static string Sentence(IReadOnlyList<Change> changes)
    {
        if (changes.Count == 0) return "Safe to ship: no API changes.";
        var breaking = changes.Where(c => Severity(c) == ChangeLevel.Err).ToList();
        if (breaking.Count == 0)
        {
            var harmless = changes.Count(c => c.Level == ChangeLevel.Err);
            return harmless > 0
                ? $"Safe to ship: {Plural(harmless, "breaking change")} but no linked consumer uses what changed."
                : $"Safe to ship: no breaking changes ({Plural(changes.Count, "change")}).";
        }
        var consumers = breaking.SelectMany(c => c.Affected).Where(a => a.Level == ChangeLevel.Err).ToList();
        if (consumers.Count == 0) return $"Not safe to ship: {Plural(breaking.Count, "breaking change")}; no consumer in the workspace is linked to the endpoints.";
        var repos = consumers.Select(a => a.Repo).Distinct().Order(StringComparer.Ordinal);
        var sites = consumers.Select(a => a.CallSiteId).Distinct().Count();
        return $"Not safe to ship: {Plural(breaking.Count, "breaking change")} affecting {Plural(sites, "call site")} in {string.Join(", ", repos)}.";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
