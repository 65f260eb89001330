using Mesh.Engine.Model;

namespace Mesh.Engine.Linking;

/// <summary>
/// The links one repo's operations have when that repo is at another revision than the one indexed: the workspace's
/// calls linked, by the linker's own rules (path, method, service identity, base URL evidence, gateways, shared specs),
/// against the other repos' endpoints and this repo's endpoints at that revision. Only calls whose paths reach one of
/// those endpoints are linked; the others cost one resolution each.
/// </summary>
public static class RevisionLinks
{
    /// <summary>What the linker reads of an operation; <paramref name="document"/> is the blob id of its OpenAPI file.</summary>
    public static LinkEndpoint Of(Endpoint endpoint, string? document) =>
        new(endpoint.Id, endpoint.Repo, endpoint.Method, RoutePath.Join(endpoint.Fact.BasePath ?? "", endpoint.Fact.Path), endpoint.Fact.Framework,
            endpoint.Fact.Source, endpoint.Fact.Kind, endpoint.Fact.Source == EndpointSources.OpenApi ? document : null, endpoint.Fact.OperationId);

    /// <summary>
    /// The links to each of <paramref name="revision"/>'s endpoints, by endpoint id: those that name it, and, for an
    /// OpenAPI operation, one per call through it to the code that serves it (as <c>IGraphStore.Consumers</c> answers).
    /// </summary>
    /// <param name="repo">The repo whose endpoints <paramref name="revision"/> stands for; its endpoints in <paramref name="endpoints"/> are left out.</param>
    /// <param name="endpoints">The workspace's endpoints as indexed.</param>
    public static IReadOnlyDictionary<string, List<Link>> To(
        string repo, IReadOnlyList<LinkEndpoint> revision, IEnumerable<LinkEndpoint> endpoints, ServiceDirectory directory,
        IReadOnlyList<RepoFact<ProxyRouteFact>> proxies, IEnumerable<LinkCall> calls)
    {
        var ids = revision.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var linker = new Linker(endpoints.Where(e => e.Repo != repo).Concat(revision), directory, proxies);
        var reached = new RouteIndex(revision);
        var links = new Dictionary<string, List<Link>>(StringComparer.Ordinal);
        void Add(string endpoint, Link link)
        {
            if (!links.TryGetValue(endpoint, out var list)) links[endpoint] = list = [];
            list.Add(link);
        }
        foreach (var call in calls)
        {
            var resolution = linker.Resolve(call);
            var method = call.Method?.ToUpperInvariant();
            // A call links only to endpoints matching a path it probes: one that matches none of the revision's cannot reach it.
            if (!resolution.Probes.Any(probe => reached.Any(probe, method))) continue;
            var outcome = linker.Link(call, resolution);
            foreach (var link in outcome.Links.Where(l => ids.Contains(l.Endpoint))) Add(link.Endpoint, link);
            foreach (var through in outcome.Links.Where(l => l.Via is { } via && ids.Contains(via)).GroupBy(l => l.Via!, StringComparer.Ordinal))
                Add(through.Key, through.MinBy(l => l.Endpoint, StringComparer.Ordinal)!);
        }
        return links;
    }
}
