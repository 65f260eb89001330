using System.Text.RegularExpressions;
using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Engine.Queries;

namespace Mesh.Engine.Context;

/// <summary>
/// Builds a repo's <see cref="RepoContext"/> from the store and the providers' recent history. One instance may build
/// the context of many repos: each provider's history is diffed once.
/// </summary>
public sealed partial class ContextQuery(WorkspaceIndex index, int commits = ContextQuery.DefaultCommits)
{
    /// <summary>How many of each provider's latest commits are diffed for recent changes.</summary>
    public const int DefaultCommits = 5;

    private readonly RecentDiffs _diffs = new(index, commits);

    /// <summary>Throws <see cref="UnknownRepoException"/> for a repo outside the workspace, <see cref="MeshException"/> for one not indexed yet.</summary>
    public RepoContext Build(string repo, CancellationToken cancellationToken = default)
    {
        index.Repo(repo);
        var store = index.Store;
        var status = store.Repos().FirstOrDefault(r => r.Name == repo)
            ?? throw new MeshException($"repo '{repo}' is not indexed yet; run 'mesh index' (or call the reindex tool) first");
        var surface = store.Surface(repo)!;
        var provides = surface.Endpoints
            .Select(e => new ProvidedApi(e, store.Consumers(e.Id, 0, int.MaxValue).Items))
            .ToList();
        var calls = store.CallsOf(repo);
        var consumes = calls.Linked
            .GroupBy(l => l.Endpoint.Id, StringComparer.Ordinal)
            .Select(g => new ConsumedApi(g.First().Endpoint, g.ToList()))
            .OrderBy(c => c.Endpoint.Repo, StringComparer.Ordinal).ThenBy(c => c.Endpoint.PathKey, StringComparer.Ordinal)
            .ThenBy(c => c.Endpoint.Method, StringComparer.Ordinal).ThenBy(c => c.Endpoint.Id, StringComparer.Ordinal)
            .ToList();
        var unresolved = calls.Unresolved.Select(u => new UnlinkedCall(u.CallSite, u.Reason)).ToList();

        var providers = consumes.Select(c => c.Endpoint.Repo)
            .Concat(unresolved.Select(u => NamedTarget(u.Reason)).OfType<string>())
            .Where(p => index.Workspace.Repos.Any(r => r.Name == p))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var unreadable = new List<string>();
        var changes = new List<AffectingChange>();
        foreach (var provider in providers)
        {
            IReadOnlyList<CommitDiff> diffs;
            try
            {
                diffs = _diffs.Of(provider, cancellationToken);
            }
            catch (Exception e) when (e is MeshException or LibGit2Sharp.LibGit2SharpException or IOException)
            {
                // One provider's unreadable history must not cost the rest of the context.
                unreadable.Add($"{provider}: {e.Message}");
                continue;
            }
            foreach (var diff in diffs)
                foreach (var change in diff.Report.Changes)
                    if (Reaching(change, repo, unresolved) is { Count: > 0 } reached)
                        changes.Add(new AffectingChange(provider, diff.Commit, change, reached));
        }
        // Newest first; a provider's commits keep their history order when dates tie.
        var ordered = changes
            .Select((c, i) => (Change: c, Order: i))
            .OrderByDescending(c => c.Change.Commit.When)
            .ThenBy(c => c.Change.Provider, StringComparer.Ordinal)
            .ThenBy(c => c.Order)
            .Select(c => c.Change)
            .ToList();
        return new RepoContext(repo, status.Revision, status.IndexedAt, provides, consumes, unresolved,
            new RecentChangeScan(providers, _diffs.Commits, unreadable), ordered);
    }

    /// <summary>
    /// This repo's calls a change reaches: the linked ones the diff attached, or, when the operation is gone from the
    /// index (so its calls are unresolved now), the unresolved calls whose path and method fit the removed route.
    /// </summary>
    private List<AffectedConsumer> Reaching(Change change, string repo, IReadOnlyList<UnlinkedCall> unresolved)
    {
        var reached = change.Affected.Where(a => a.Repo == repo).ToList();
        if (reached.Count > 0 || change.EndpointId is null || unresolved.Count == 0) return reached;
        if (index.Store.FindEndpoint(change.EndpointId) is not null) return reached;
        var parts = change.EndpointId.Split(':', 3);
        if (parts.Length < 3) return reached;
        var route = CallUrl.SplitPath(parts[2]);
        foreach (var call in unresolved.Where(u => ConsumerQuery.Fits(route, parts[1], u.CallSite)))
        {
            var site = call.CallSite;
            reached.Add(new AffectedConsumer(site.Id, site.Repo, site.File, site.Line, site.Fact.Method ?? "?", site.Fact.Url, site.IsTest,
                change.Level, $"unlinked now ({call.Reason}); its method and path fit the removed operation"));
        }
        return reached;
    }

    /// <summary>The repo a 'no such route' reason says the call's base points to, if any.</summary>
    private static string? NamedTarget(string reason) =>
        TargetPattern().Match(reason) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^no such route: .* in '([^']+)' \(")]
    private static partial Regex TargetPattern();
}
