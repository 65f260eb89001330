using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Diff;

/// <summary>
/// The call sites that reach a repo's operations at one revision of it, whatever revision the index holds: the indexed
/// call sites of every repo, linked against the other repos' indexed endpoints and this repo's endpoints at that
/// revision (<see cref="RevisionLinks"/>). When the index holds exactly these endpoints for the repo, its stored links
/// are that answer and are read as they are. So a gate run after CI indexed the new head still names the consumers
/// that called a removed or changed operation before the change.
/// </summary>
public sealed class OperationConsumers(IGraphStore store, string repo, IReadOnlyList<EndpointVersion> operations, IReadOnlyDictionary<string, string> blobs,
    IReadOnlyList<ServiceAlias> services)
{
    private readonly HashSet<string> _ids = operations.Select(o => o.Endpoint.Id).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Consumer>> _stored = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<Consumer>>? _linked;
    private bool _loaded;

    /// <summary>True when the repo has this operation at the revision.</summary>
    public bool Has(string endpointId) => _ids.Contains(endpointId);

    /// <summary>The consumers of one operation at the revision, best score first (then repo, file, line).</summary>
    public IReadOnlyList<Consumer> Of(string endpointId)
    {
        if (!Has(endpointId)) return [];
        Load();
        if (_linked is not null) return _linked.GetValueOrDefault(endpointId) ?? [];
        if (!_stored.TryGetValue(endpointId, out var consumers))
            _stored[endpointId] = consumers = store.Consumers(endpointId, 0, int.MaxValue).Items;
        return consumers;
    }

    /// <summary>Every call site that reaches one of the repo's operations at the revision, once each.</summary>
    public IReadOnlyList<CallSite> Calls() =>
        [.. _ids.Order(StringComparer.Ordinal).SelectMany(Of).Select(c => c.CallSite).DistinctBy(c => c.Id, StringComparer.Ordinal)];

    private void Load()
    {
        if (_loaded) return;
        _loaded = true;
        var inputs = store.LoadLinkInputs();
        var revision = operations.Select(o => RevisionLinks.Of(o.Endpoint, blobs.GetValueOrDefault(o.Endpoint.File))).ToList();
        if (inputs.Endpoints.Where(e => e.Repo == repo).ToHashSet().SetEquals(revision)) return;

        var directory = new ServiceDirectory(inputs.Repos, services, inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
        var links = RevisionLinks.To(repo, revision, inputs.Endpoints, directory, inputs.ProxyRoutes, store.LinkCalls(CallSelection.Everything).Select(c => c.Call));
        var sites = store.CallSites([.. links.Values.SelectMany(l => l).Select(l => l.CallSite).Distinct(StringComparer.Ordinal)])
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        _linked = links.ToDictionary(l => l.Key, l => (IReadOnlyList<Consumer>)[.. l.Value
            .Where(link => sites.ContainsKey(link.CallSite))
            .Select(link => new Consumer(sites[link.CallSite], link))
            .OrderByDescending(c => c.Link.Score).ThenBy(c => c.CallSite.Repo, StringComparer.Ordinal).ThenBy(c => c.CallSite.File, StringComparer.Ordinal)
            .ThenBy(c => c.CallSite.Line).ThenBy(c => c.CallSite.Id, StringComparer.Ordinal)], StringComparer.Ordinal);
    }
}
