using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;

namespace Mesh.Engine.Context;

/// <summary>A provider's commit diffed against its first parent.</summary>
public sealed record CommitDiff(CommitStep Commit, DiffReport Report);

/// <summary>
/// The API diffs of each provider's last few commits that touch files Mesh reads, each against its first parent, from the indexed
/// revision (the one the links were made at). Diffs go through the fact cache, and each provider is diffed once per
/// instance, so building the context of every repo costs one history walk per provider.
/// </summary>
public sealed class RecentDiffs(WorkspaceIndex index, int commits)
{
    private readonly Dictionary<string, IReadOnlyList<CommitDiff>> _diffs = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _revisions;

    public int Commits => commits;

    /// <summary>The provider's diffs, newest first; throws <see cref="MeshException"/> when its history cannot be read.</summary>
    public IReadOnlyList<CommitDiff> Of(string provider, CancellationToken cancellationToken = default)
    {
        if (_diffs.TryGetValue(provider, out var known)) return known;
        var repo = index.Repo(provider);
        _revisions ??= index.Store.Repos().ToDictionary(r => r.Name, r => r.Revision, StringComparer.Ordinal);
        // A repo indexed from its working tree has no commit to start from: its ref stands in.
        var start = _revisions.TryGetValue(provider, out var revision) && revision != RepoSnapshot.WorkingTree ? revision : repo.RefOrHead;
        var diffs = new List<CommitDiff>();
        foreach (var step in RepoHistory.Recent(repo, start, commits, index.Reads))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = DiffQuery.Run(index, new DiffRequest(provider, step.ParentSha, step.Sha), cancellationToken);
            if (report.Changes.Count > 0) diffs.Add(new CommitDiff(step, report));
        }
        return _diffs[provider] = diffs;
    }
}
