using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Queries;

/// <summary>A call site linked to an endpoint, with the code around it.</summary>
public sealed record ConsumerView(CallSite CallSite, Link Link, CodeExcerpt? Excerpt);

/// <summary>Unresolved call sites whose path could be this endpoint's, grouped by why they are unresolved.</summary>
public sealed record PossibleConsumers(int Count, IReadOnlyList<(string Reason, int Count)> Reasons, IReadOnlyList<(CallSite CallSite, string Reason)> Examples);

public sealed record ConsumersAnswer(Endpoint Endpoint, IReadOnlyList<ConsumerView> Consumers, int Total, PossibleConsumers Possible);

/// <summary>Who calls an endpoint: by id, or by method and path (optionally in one repo).</summary>
public static class ConsumerQuery
{
    private const int Examples = 5;

    /// <summary>The endpoint an agent means; throws <see cref="MeshException"/> naming the closest endpoints when none or several match.</summary>
    public static Endpoint Resolve(IGraphStore store, string? endpointId, string? method, string? path, string? repo)
    {
        if (!string.IsNullOrWhiteSpace(endpointId))
            return store.FindEndpoint(endpointId) ?? throw new MeshException($"unknown endpoint id '{Clip(endpointId)}'; {Closest(store, endpointId)}");
        if (string.IsNullOrWhiteSpace(path))
            throw new MeshException("give endpoint_id (from list_apis), or method and path (e.g. method GET, path /orders/{id})");
        var key = "/" + string.Join('/', CallUrl.SplitPath(CallUrl.Parse(path).Path));
        var matches = store.EndpointsByKey(method?.ToUpperInvariant(), key, repo);
        // GET /x names the GET route when there is one, else the route that takes every method (app.all).
        if (method is not null && matches.Any(m => m.Method == method.ToUpperInvariant()))
            matches = matches.Where(m => m.Method == method.ToUpperInvariant()).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new MeshException($"no endpoint {(method ?? "").ToUpperInvariant()} {Clip(path)}{(repo is null ? "" : $" in repo '{repo}'")}; {Closest(store, key)}".Replace("  ", " ", StringComparison.Ordinal)),
            _ => throw new MeshException($"{matches.Count} endpoints match {(method ?? "any method").ToUpperInvariant()} {path}: {string.Join(", ", matches.Select(m => m.Id))}; pass endpoint_id, or repo and method, to pick one"),
        };
    }

    /// <summary>What an agent asked for, cut short in an answer: a mistyped argument can be any length.</summary>
    private static string Clip(string text) => Suggest.Shown(text);

    private static string Closest(IGraphStore store, string text)
    {
        // A mistyped id can be any length: the distance to short ids is measured on its start.
        text = text.Length <= 2 * Suggest.ShownLength ? text : text[..(2 * Suggest.ShownLength)];
        var lastWord = text.Split('/', ':', '{', '}').LastOrDefault(p => p.Length > 1 && !p.Contains('#')) ?? "";
        var candidates = store.Endpoints(new EndpointQuery(PathText: lastWord, Limit: 200)).Items.Select(r => r.Endpoint.Id).ToList();
        if (candidates.Count == 0) candidates = store.Endpoints(new EndpointQuery(Limit: 200)).Items.Select(r => r.Endpoint.Id).ToList();
        var closest = candidates.OrderBy(c => Suggest.Distance(c.ToLowerInvariant(), text.ToLowerInvariant())).ThenBy(c => c, StringComparer.Ordinal).Take(5).ToList();
        return closest.Count == 0 ? "the index has no endpoints (call reindex)" : $"closest: {string.Join(", ", closest.Select(Suggest.Shown))}";
    }

    public static ConsumersAnswer Answer(WorkspaceIndex index, Endpoint endpoint, bool includeTests, int offset, int limit, bool excerpts = true)
    {
        var page = index.Store.Consumers(endpoint.Id, 0, int.MaxValue);
        var items = page.Items.Where(c => includeTests || !c.CallSite.IsTest).ToList();
        var repos = index.Workspace.Repos.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var views = items.Skip(offset).Take(limit).Select(c => new ConsumerView(c.CallSite, c.Link,
            excerpts && repos.TryGetValue(c.CallSite.Repo, out var repo)
                ? CodeExcerpts.Around(repo, c.CallSite.File, index.Store.BlobOf(c.CallSite.Repo, c.CallSite.File), c.CallSite.Line)
                : null)).ToList();
        return new ConsumersAnswer(endpoint, views, items.Count, Possible(index.Store, endpoint));
    }

    /// <summary>Unresolved calls whose literal path segments fit this endpoint's route (a leading unknown base allowed).</summary>
    private static PossibleConsumers Possible(IGraphStore store, Endpoint endpoint)
    {
        var route = CallUrl.SplitPath(RoutePath.Join(endpoint.Fact.BasePath ?? "", endpoint.Path));
        var tail = Linker.Tail(RoutePath.Join(endpoint.Fact.BasePath ?? "", endpoint.Path));
        if (tail is null) return new PossibleConsumers(0, [], []);
        // Calls copied across repos repeat their method and URL: each pair is parsed once.
        var decided = new Dictionary<(string?, string), bool>();
        var fits = store.UnresolvedCalls(tail, (m, url) =>
            decided.TryGetValue((m, url), out var fit) ? fit : decided[(m, url)] = Fits(route, endpoint.Method, m, url), Examples);
        return new PossibleConsumers(fits.Reasons.Count,
            fits.Reasons.GroupBy(r => r.Split(':')[0]).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList(),
            fits.Examples);
    }

    /// <summary>Could this unresolved call reach a route of these segments (<c>{}</c> for parameters) with this method?</summary>
    internal static bool Fits(IReadOnlyList<string> route, string method, CallSite call) => Fits(route, method, call.Fact.Method, call.Fact.Url);

    private static bool Fits(IReadOnlyList<string> route, string method, string? callMethod, string url)
    {
        if (callMethod is { } m && method != EndpointFact.AnyMethod && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) return false;
        var segments = CallUrl.SplitPath(CallUrl.Parse(url).Path).ToList();
        if (segments.Count > 0 && segments[0] == "{}" && segments.Count <= route.Count) segments.RemoveAt(0);
        // "{base}orders/{id}": an unknown base glued to the first segment; the text after it is what is known.
        else if (segments.Count > 0 && segments[0].StartsWith("{}", StringComparison.Ordinal)) segments[0] = segments[0][2..];
        if (segments.Count == 0 || segments.Count > route.Count) return false;
        var tail = route.Skip(route.Count - segments.Count).ToList();
        var literal = false;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] == "{}" || tail[i] == "{}") continue;
            if (!string.Equals(segments[i], tail[i], StringComparison.OrdinalIgnoreCase)) return false;
            literal = true;
        }
        return literal;
    }
}
