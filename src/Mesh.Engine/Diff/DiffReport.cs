namespace Mesh.Engine.Diff;

/// <summary>Counts by level and the ship verdict: safe when no change is breaking for any consumer (or at all, when unlinked).</summary>
public sealed record DiffSummary(string Repo, string Base, string Head, int Errors, int Warnings, int Infos, bool SafeToShip, string Verdict)
{
    /// <summary>Operations compared at base and head.</summary>
    public int OperationsBefore { get; init; }
    public int OperationsAfter { get; init; }

    /// <summary>Files whose facts were parsed for this diff (the rest came from the cache).</summary>
    public int FilesParsed { get; init; }
}

/// <summary>What changed in a repo's API between two revisions, for whom. Changes are sorted by path, method, location, rule.</summary>
public sealed record DiffReport(DiffSummary Summary, IReadOnlyList<Change> Changes);
