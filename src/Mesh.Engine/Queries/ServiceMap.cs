using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Queries;

/// <summary>
/// The service graph as the graph page shows it: repos with their counts, call counts on edges, and when a base ref
/// is given, what each repo's working tree breaks against that ref (changes per repo, broken calls per edge).
/// </summary>
public sealed record ServiceMap(string? Base, IReadOnlyList<ServiceNode> Services, IReadOnlyList<ServiceMapEdge> Edges, IReadOnlyList<string> Notes);

/// <summary>
/// A repo. <see cref="Breaking"/> and <see cref="Warnings"/> count the changes of its API (by their effective level);
/// <see cref="BrokenCalls"/> counts its call sites that a breaking change of some provider reaches.
/// </summary>
public sealed record ServiceNode(string Name, string Ref, string Revision, int Endpoints, int CallSites, int Breaking, int Warnings, int BrokenCalls);

/// <summary>Calls from one repo to another; <see cref="Breaking"/> of them are reached by a breaking change of the provider.</summary>
public sealed record ServiceMapEdge(string From, string To, int Calls, int Breaking);

/// <summary>A repo's endpoints with their consumers, and its API changes against the base (each with the call sites it reaches).</summary>
public sealed record ServiceDetail(string Repo, string? Base, IReadOnlyList<EndpointDetail> Endpoints, IReadOnlyList<Change> Changes, IReadOnlyList<string> Notes);

/// <summary>An endpoint, the worst level of its changes (null when unchanged), and every call site linked to it.</summary>
public sealed record EndpointDetail(string Id, string Method, string Path, string File, int Line, bool Deprecated, ChangeLevel? Changed, IReadOnlyList<EndpointConsumer> Consumers);

/// <summary>A call site linked to an endpoint; <see cref="Level"/> is the worst change of the endpoint for this call (null when none).</summary>
public sealed record EndpointConsumer(string Repo, string File, int Line, string? Method, string Url, double Score, string Reason, bool IsTest, ChangeLevel? Level);

/// <summary>The map and every repo's detail in one document: what <c>mesh graph --format html</c> embeds.</summary>
public sealed record ServiceMapDocument(ServiceMap Map, IReadOnlyList<ServiceDetail> Details);

/// <summary>
/// Builds the graph page's views from the store. Without a base nothing is diffed (cheap: one read of the store);
/// with one, each repo's working tree is diffed against it through the fact cache, as <c>mesh diff --base</c> does.
/// </summary>
public sealed class ServiceMapQuery
{
    private readonly GraphSnapshot _graph;
    private readonly string? _base;
    private readonly Dictionary<string, IReadOnlyList<Change>> _changes = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];

    private ServiceMapQuery(GraphSnapshot graph, string? baseRef)
    {
        _graph = graph;
        _base = baseRef;
    }

    /// <param name="diffRepos">The repos to diff against <paramref name="baseRef"/> (all when null).</param>
    public static ServiceMapQuery Open(WorkspaceIndex index, string? baseRef, IReadOnlyCollection<string>? diffRepos = null, CancellationToken cancellationToken = default)
    {
        var query = new ServiceMapQuery(index.Store.Graph(), string.IsNullOrWhiteSpace(baseRef) ? null : baseRef.Trim());
        if (query._base is null) return query;
        foreach (var repo in query._graph.Repos.Select(r => r.Name).Where(r => diffRepos is null || diffRepos.Contains(r)))
        {
            try
            {
                query._changes[repo] = DiffQuery.Run(index, new DiffRequest(repo, query._base), cancellationToken).Changes;
            }
            catch (MeshException e)
            {
                // A ref that one repo lacks (a branch name) must not hide the others' changes.
                query._notes.Add($"{repo}: not diffed against '{query._base}': {e.Message}");
            }
        }
        return query;
    }

    public ServiceMap Map()
    {
        var edges = ServiceGraph.Edges(_graph);
        var broken = BrokenCalls();
        var callRepo = _graph.CallSites.ToDictionary(c => c.Id, c => c.Repo, StringComparer.Ordinal);
        var brokenByEdge = broken.GroupBy(b => (From: callRepo.GetValueOrDefault(b.CallSiteId, ""), To: b.Provider)).ToDictionary(g => g.Key, g => g.Count());
        return new ServiceMap(_base,
            [.. _graph.Repos.Select(r => new ServiceNode(r.Name, r.Ref, r.Revision, r.Endpoints, r.CallSites,
                ChangesOf(r.Name).Count(c => c.EffectiveLevel == ChangeLevel.Err),
                ChangesOf(r.Name).Count(c => c.EffectiveLevel == ChangeLevel.Warn),
                broken.Count(b => callRepo.GetValueOrDefault(b.CallSiteId) == r.Name)))],
            [.. edges.Select(e => new ServiceMapEdge(e.From, e.To, e.Calls, brokenByEdge.GetValueOrDefault((e.From, e.To))))],
            _notes);
    }

    /// <summary>Throws <see cref="UnknownRepoException"/> for a repo the store does not hold.</summary>
    public ServiceDetail Detail(string repo)
    {
        if (!_graph.Repos.Any(r => r.Name == repo)) throw new UnknownRepoException(repo, [.. _graph.Repos.Select(r => r.Name)]);
        var changes = ChangesOf(repo);
        var calls = _graph.CallSites.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var linksTo = _graph.Links.ToLookup(l => l.Endpoint, StringComparer.Ordinal);
        var endpoints = _graph.Endpoints.Where(e => e.Repo == repo)
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e =>
            {
                var own = changes.Where(c => c.EndpointId == e.Id).ToList();
                var consumers = linksTo[e.Id].Where(l => calls.ContainsKey(l.CallSite)).Select(l =>
                    {
                        var call = calls[l.CallSite];
                        var level = own.SelectMany(c => c.Affected).Where(a => a.CallSiteId == call.Id).Select(a => (ChangeLevel?)a.Level).Max();
                        return new EndpointConsumer(call.Repo, call.File, call.Line, call.Fact.Method, call.Fact.Url, l.Score, l.Reason, call.IsTest, level);
                    })
                    .OrderBy(c => c.Repo, StringComparer.Ordinal).ThenBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).ThenBy(c => c.Url, StringComparer.Ordinal)
                    .ToList();
                return new EndpointDetail(e.Id, e.Method, e.Path, e.File, e.Line, e.Fact.Deprecated, own.Count == 0 ? null : own.Max(c => c.EffectiveLevel), consumers);
            })
            .ToList();
        return new ServiceDetail(repo, _base, endpoints, changes, [.. _notes.Where(n => n.StartsWith(repo + ":", StringComparison.Ordinal))]);
    }

    public ServiceMapDocument Document() => new(Map(), [.. _graph.Repos.Select(r => Detail(r.Name))]);

    private IReadOnlyList<Change> ChangesOf(string repo) => _changes.GetValueOrDefault(repo) ?? [];

    /// <summary>Each call site a breaking change reaches, once, with the repo whose change reaches it.</summary>
    private List<(string CallSiteId, string Provider)> BrokenCalls() =>
        [.. _changes.SelectMany(p => p.Value.SelectMany(c => c.Affected).Where(a => a.Level == ChangeLevel.Err).Select(a => (a.CallSiteId, Provider: p.Key))).Distinct()];
}
