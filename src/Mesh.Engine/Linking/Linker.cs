using Mesh.Engine.Model;

namespace Mesh.Engine.Linking;

/// <summary>What the linker needs of an endpoint: its full route (server base path included) and how to compare it.</summary>
public sealed record LinkEndpoint(string Id, string Repo, string Method, string Route, string Framework, string Source, string? Kind);

/// <summary>What the linker needs of a call site.</summary>
public sealed record LinkCall(string Id, string Repo, string? Method, string Url, string? BaseHint, string Client, string? Unresolved);

public sealed record LinkResult(IReadOnlyList<Link> Links, IReadOnlyList<UnresolvedCall> Unresolved);

/// <summary>
/// Matches every call site of the workspace to the endpoints it may reach. The call's path (joined to its base the way
/// its client joins) is compared segment by segment with each route; the method must agree (unknown matches any, for
/// less); the service the base points to decides between services sharing a path; a gateway route is followed one hop.
/// Every call ends linked (ranked, ambiguity stated) or unresolved with a reason.
/// </summary>
public sealed class Linker
{
    /// <summary>
    /// Routes by (segment count, position, literal text in lower case) and by (count, position) where they take a parameter:
    /// a call starts from its most selective literal position and checks only those routes.
    /// </summary>
    private readonly Dictionary<(int Count, int Position, string Text), List<Route>> _literals = [];
    private readonly Dictionary<(int Count, int Position), List<Route>> _parameters = [];
    private readonly Dictionary<int, List<Route>> _bySegments = [];
    private readonly List<Route> _catchAll = [];
    private readonly ServiceDirectory _directory;
    private readonly IReadOnlyList<RepoFact<ProxyRouteFact>> _proxies;

    private sealed record Route(LinkEndpoint Endpoint, string[] Segments, bool IgnoreCase, bool CatchAll);

    private sealed record Candidate(Route Route, bool Templated, string? Via, string? ViaRepo);

    public Linker(IEnumerable<LinkEndpoint> endpoints, ServiceDirectory directory, IReadOnlyList<RepoFact<ProxyRouteFact>> proxies)
    {
        _directory = directory;
        _proxies = proxies;
        foreach (var endpoint in endpoints.Where(e => e.Kind is null))
        {
            var segments = CallUrl.SplitPath(endpoint.Route).ToArray();
            var route = new Route(endpoint, segments, endpoint.Framework == "aspnetcore", endpoint.Route.Contains("{*", StringComparison.Ordinal));
            if (route.CatchAll) _catchAll.Add(route);
            if (!_bySegments.TryGetValue(segments.Length, out var list)) _bySegments[segments.Length] = list = [];
            list.Add(route);
            for (var position = 0; position < segments.Length; position++)
            {
                if (segments[position].Contains("{}", StringComparison.Ordinal)) Add(_parameters, (segments.Length, position), route);
                else Add(_literals, (segments.Length, position, segments[position].ToLowerInvariant()), route);
            }
        }
    }

    public LinkResult Link(IEnumerable<LinkCall> calls)
    {
        var links = new List<Link>();
        var unresolved = new List<UnresolvedCall>();
        foreach (var call in calls)
        {
            var result = LinkOne(call);
            if (result.Links.Count == 0) unresolved.Add(new UnresolvedCall(call.Id, result.Reason, Tail(call.Url)));
            links.AddRange(result.Links);
        }
        return new LinkResult(
            links.OrderBy(l => l.CallSite, StringComparer.Ordinal).ThenByDescending(l => l.Score).ThenBy(l => l.Endpoint, StringComparer.Ordinal).ToList(),
            unresolved.OrderBy(u => u.CallSite, StringComparer.Ordinal).ToList());
    }

    private (List<Link> Links, string Reason) LinkOne(LinkCall call)
    {
        var url = CallUrl.Parse(call.Url);
        // `${process.env.ORDERS_URL}/orders` with hint env:ORDERS_URL: the leading hole is the base the hint names.
        if (url.StartsWithHole && call.BaseHint is not null && url.Path.IndexOf('}') is var close and > 0)
            url = CallUrl.Parse(url.Path[(close + 1)..] is { Length: > 0 } rest && rest.StartsWith('/') ? rest : "/" + url.Path[(close + 1)..]);
        var target = Target(call, url, out var basePath, out var baseNote);
        var path = url.IsAbsolute || basePath is null ? url.Path : UrlJoin.Join(basePath, url.Path, StyleOf(call.Client));
        var segments = CallUrl.SplitPath(path).ToList();
        var unknownBase = url.StartsWithHole && target is null && basePath is null;
        if (unknownBase && segments.Count > 0 && segments[0] == "{}") segments.RemoveAt(0);
        if (segments.Count == 0 && call.Unresolved is not null)
            return ([], $"dynamic URL: {call.Unresolved}");

        var method = call.Method?.ToUpperInvariant();
        var candidates = Match(segments, method).Select(r => new Candidate(r, IsTemplated(r, segments), null, null)).ToList();
        // A route of the call's own method is a better answer than one that takes every method (app.all).
        if (method is not null && candidates.Any(c => c.Route.Endpoint.Method == method))
            candidates.RemoveAll(c => c.Route.Endpoint.Method == EndpointFact.AnyMethod);
        var viaGateway = ThroughGateway(call, target, path, method);
        if (target is not null && viaGateway.Count > 0 && !candidates.Any(c => c.Route.Endpoint.Repo == target.Value.Repo)) candidates = viaGateway;
        else if (candidates.Count == 0) candidates = viaGateway;

        if (candidates.Count == 0)
        {
            var reason = unknownBase ? $"unknown base: the URL starts with a value computed at run time ({call.Url})"
                : baseNote is not null && target is null ? $"unknown base: {baseNote}; no route matches {method ?? "any method"} {path}"
                : $"no such route: {method ?? "any method"} {path}" + (target is { } t ? $" in '{t.Repo}' ({t.Evidence})" : "");
            return ([], reason);
        }
        return (Rank(call, candidates, target, method is null, unknownBase), "");
    }

    /// <summary>The repo the call's host or base points to, and the base path to join the call's path to.</summary>
    private (string Repo, string Evidence)? Target(LinkCall call, CallUrl url, out string? basePath, out string? note)
    {
        basePath = null;
        note = null;
        if (url.IsAbsolute) return _directory.Resolve(url.Host!);
        if (call.BaseHint is not { } hint) return null;
        string? value = hint;
        var colon = hint.IndexOf(':');
        if (hint.StartsWith("config:", StringComparison.Ordinal) || hint.StartsWith("env:", StringComparison.Ordinal))
        {
            var key = hint[(colon + 1)..];
            if (_directory.RepoOfAlias(key) is { } aliased) return (aliased, $"mesh.json service alias '{key}'");
            value = _directory.ConfigValue(call.Repo, key);
            if (value is null)
            {
                note = $"{hint} has no value in the workspace's configuration files";
                return null;
            }
        }
        var baseUrl = CallUrl.Parse(value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value);
        basePath = baseUrl.Path;
        var resolved = _directory.Resolve(baseUrl.Host!);
        if (resolved is null) note = $"'{value}' names no repo or service of the workspace";
        return resolved is { } r && value != hint ? (r.Repo, $"{r.Evidence} via {hint}") : resolved;
    }

    private static JoinStyle StyleOf(string client) => client is "Refit" or "axios" or "ky" ? JoinStyle.Concatenate : JoinStyle.Rfc3986;

    /// <summary>The last segment with literal text (an unknown base glued in front is cut off), lower case.</summary>
    public static string? Tail(string url)
    {
        var last = CallUrl.SplitPath(CallUrl.Parse(url).Path).LastOrDefault(s => s.Replace("{}", "", StringComparison.Ordinal).Length > 0);
        return last?[(last.LastIndexOf("{}", StringComparison.Ordinal) is var hole and >= 0 ? hole + 2 : 0)..].ToLowerInvariant();
    }

    private static void Add<TKey>(Dictionary<TKey, List<Route>> index, TKey key, Route route) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(route);
    }

    /// <summary>Routes that can match a call of this many segments: those of the call's most selective literal position.</summary>
    private IEnumerable<Route> Candidates(IReadOnlyList<string> segments)
    {
        var count = segments.Count;
        IEnumerable<Route>? best = null;
        var bestSize = int.MaxValue;
        for (var position = 0; position < count; position++)
        {
            if (segments[position].Contains("{}", StringComparison.Ordinal)) continue;
            var literal = _literals.TryGetValue((count, position, segments[position].ToLowerInvariant()), out var l) ? l : [];
            var parameter = _parameters.TryGetValue((count, position), out var p) ? p : [];
            if (literal.Count + parameter.Count >= bestSize) continue;
            bestSize = literal.Count + parameter.Count;
            best = literal.Concat(parameter);
        }
        return best ?? (_bySegments.TryGetValue(count, out var all) ? all : []);
    }

    private IEnumerable<Route> Match(IReadOnlyList<string> segments, string? method)
    {
        var exact = Candidates(segments);
        var routes = _catchAll.Count == 0 ? exact : exact.Concat(_catchAll.Where(r => r.Segments.Length <= segments.Count + 1)).Distinct();
        foreach (var route in routes)
        {
            if (method is not null && route.Endpoint.Method != method && route.Endpoint.Method != EndpointFact.AnyMethod) continue;
            if (SegmentsMatch(route, segments)) yield return route;
        }
    }

    private static bool SegmentsMatch(Route route, IReadOnlyList<string> segments)
    {
        var count = route.CatchAll ? route.Segments.Length - 1 : route.Segments.Length;
        if (!route.CatchAll && count != segments.Count) return false;
        if (route.CatchAll && segments.Count < count) return false;
        var comparison = route.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        for (var i = 0; i < count; i++)
        {
            var expected = route.Segments[i];
            var actual = segments[i];
            if (expected == "{}" || actual == "{}") continue;
            if (expected.Contains("{}", StringComparison.Ordinal) ? !PartialMatch(expected, actual) : !string.Equals(expected, actual, comparison)) return false;
        }
        return true;
    }

    /// <summary>A segment mixing text and parameters (<c>v{}</c>, <c>{}.json</c>) matches by its literal prefix and suffix.</summary>
    private static bool PartialMatch(string expected, string actual)
    {
        var hole = expected.IndexOf("{}", StringComparison.Ordinal);
        var prefix = expected[..hole];
        var suffix = expected[(expected.LastIndexOf("{}", StringComparison.Ordinal) + 2)..];
        return actual.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && actual.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsTemplated(Route route, IReadOnlyList<string> segments) =>
        segments.Select((s, i) => s == "{}" && i < route.Segments.Length && route.Segments[i] != "{}").Any(x => x);

    /// <summary>A gateway route the call's path matches, followed one hop to the destination service's endpoint.</summary>
    private List<Candidate> ThroughGateway(LinkCall call, (string Repo, string Evidence)? target, string path, string? method)
    {
        var result = new List<Candidate>();
        var proxies = target is { } t ? _proxies.Where(p => p.Repo == t.Repo).ToList() : _proxies.ToList();
        foreach (var proxy in proxies)
        {
            if (Downstream(proxy.Fact, path) is not { } downstreamPath) continue;
            var destination = CallUrl.Parse(proxy.Fact.Destination.Contains("://", StringComparison.Ordinal) ? proxy.Fact.Destination : "http://" + proxy.Fact.Destination);
            var downstreamRepo = _directory.Resolve(destination.Host!)?.Repo;
            var joined = UrlJoin.Join(destination.Path, downstreamPath, JoinStyle.Concatenate);
            foreach (var route in Match(CallUrl.SplitPath(joined), method))
                if (downstreamRepo is null || route.Endpoint.Repo == downstreamRepo)
                    result.Add(new Candidate(route, false, $"{proxy.Repo}:{proxy.Fact.Name}", proxy.Repo));
        }
        return result;
    }

    /// <summary>The path a proxy route forwards <paramref name="path"/> to, or null when the route does not match.</summary>
    private static string? Downstream(ProxyRouteFact route, string path)
    {
        var pattern = CallUrl.SplitPath(route.MatchPath);
        var segments = CallUrl.SplitPath(path);
        var catchAll = route.MatchPath.Contains("{**", StringComparison.Ordinal) || route.MatchPath.Contains("{*", StringComparison.Ordinal)
            || route.MatchPath.Contains("{everything}", StringComparison.Ordinal);
        var fixedCount = catchAll ? pattern.Count - 1 : pattern.Count;
        if (catchAll ? segments.Count < fixedCount : segments.Count != pattern.Count) return null;
        var values = new List<string>();
        for (var i = 0; i < fixedCount; i++)
        {
            if (pattern[i] == "{}") values.Add(segments[i]);
            else if (!string.Equals(pattern[i], segments[i], StringComparison.OrdinalIgnoreCase)) return null;
        }
        var rest = string.Join('/', segments.Skip(fixedCount));
        if (route.DestinationPath is { } destination)
        {
            var result = destination;
            var catchAllStart = destination.IndexOf("{*", StringComparison.Ordinal) >= 0 ? destination.IndexOf("{*", StringComparison.Ordinal)
                : destination.IndexOf("{everything}", StringComparison.Ordinal);
            if (catchAll && catchAllStart >= 0) result = destination[..catchAllStart] + rest;
            return result;
        }
        if (route.RemovePrefix is { } prefix && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return path[prefix.Length..];
        return path;
    }

    private static List<Link> Rank(LinkCall call, List<Candidate> candidates, (string Repo, string Evidence)? target, bool methodUnknown, bool unknownBase)
    {
        // A route reached through the target's own gateway counts as the target's.
        var inTarget = target is { } t ? candidates.Where(c => c.Route.Endpoint.Repo == t.Repo || c.ViaRepo == t.Repo).ToList() : [];
        var chosen = inTarget.Count > 0 ? inTarget : candidates;
        var distinct = chosen.DistinctBy(c => c.Route.Endpoint.Id).ToList();
        var links = new List<Link>();
        foreach (var candidate in distinct)
        {
            string reason;
            double score;
            if (inTarget.Count > 0)
            {
                (score, reason) = (0.95, $"path+method+service ({target!.Value.Evidence})");
                if (candidate.Via is not null) reason = $"path+method+service through gateway route {candidate.Via}";
            }
            else if (target is { } elsewhere)
                (score, reason) = (0.35, $"path+method, but the base points to '{elsewhere.Repo}' ({elsewhere.Evidence}), which has no such route");
            else if (distinct.Count == 1)
                (score, reason) = (0.85, "path+method, unique in workspace");
            else
                (score, reason) = (0.5, $"path+method, ambiguous: {distinct.Count} endpoints in {string.Join(", ", distinct.Select(c => c.Route.Endpoint.Repo).Distinct().Order(StringComparer.Ordinal))}");
            if (distinct.Count > 1 && inTarget.Count > 0) (score, reason) = (score - 0.2, reason + $"; ambiguous among {distinct.Count} endpoints of the service");
            if (methodUnknown) (score, reason) = (score - 0.15, reason + "; method unknown");
            if (candidate.Templated) (score, reason) = (score - 0.05, reason + "; a computed segment stands for a literal one");
            if (unknownBase) (score, reason) = (score - 0.1, reason + "; base unknown");
            links.Add(new Link(call.Id, candidate.Route.Endpoint.Id, Math.Round(Math.Clamp(score, 0.05, 1), 2, MidpointRounding.AwayFromZero), reason, candidate.Via));
        }
        return links;
    }
}
