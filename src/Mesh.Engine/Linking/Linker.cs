using Mesh.Engine.Model;

namespace Mesh.Engine.Linking;

/// <summary>
/// What the linker needs of an endpoint: its full route (server base path included) and how to compare it; for an
/// OpenAPI operation, the document it was read from (the file's git blob id, equal for every copy) and its operation id.
/// </summary>
public sealed record LinkEndpoint(
    string Id, string Repo, string Method, string Route, string Framework, string Source, string? Kind, string? Document = null, string? OperationId = null);

/// <summary>What the linker needs of a call site; <see cref="OperationId"/> when a generated client names the operation it calls.</summary>
public sealed record LinkCall(string Id, string Repo, string? Method, string Url, string? BaseHint, string Client, string? Unresolved, string? OperationId = null);

public sealed record LinkResult(IReadOnlyList<Link> Links, IReadOnlyList<UnresolvedCall> Unresolved);

/// <summary>The service directory's answer to a lookup: a digest of all of it, and the repo it points to (null: none).</summary>
public readonly record struct LookupAnswer(long Digest, string? Repo);

/// <summary>
/// One call's links, or why it has none; and <see cref="DecidedBy"/>: the repo whose endpoints alone decide them (the
/// call's target, when it serves a route the call matches), "" when no endpoint does (a dynamic URL), null when the
/// endpoints of any repo may (no target, a target without such a route, a gateway, a shared spec).
/// </summary>
public sealed record LinkOutcome(IReadOnlyList<Link> Links, UnresolvedCall? Unresolved, string? DecidedBy);

/// <summary>A gateway route a call's path matches: the path it forwards to, in the repo its destination names (null: unknown).</summary>
public sealed record GatewayHop(string Via, string ViaRepo, string? DestinationRepo, IReadOnlyList<string> Segments);

/// <summary>
/// A call taken as far as it goes without looking at endpoints: the repo its base points to, the path it requests (or
/// why it has none) and the gateway routes that path passes. A function of the call and the service directory only, so
/// its <see cref="Digest"/> tells whether a call must be linked again after the directory changed.
/// </summary>
/// <param name="Lookup">The directory question the target hinges on (<see cref="Linker.Answer"/>), null when there is none.</param>
/// <param name="HopLookups">The directory questions the gateway hops' destinations hinge on.</param>
public sealed record CallResolution(
    (string Repo, string Evidence)? Target, string? BaseNote, string Path, IReadOnlyList<string> Segments, bool UnknownBase, string? Dynamic,
    IReadOnlyList<GatewayHop> Hops, string? Lookup, IReadOnlyList<string> HopLookups)
{
    /// <summary>The paths whose endpoints decide the call's links: its own and those its gateway routes forward to.</summary>
    public IEnumerable<IReadOnlyList<string>> Probes => Dynamic is not null ? [] : Hops.Select(h => h.Segments).Prepend(Segments);

    /// <summary>A stable 64-bit digest of the call and its resolution: equal digests, equal links for equal endpoints.</summary>
    public long Digest(LinkCall call)
    {
        var digest = new Fnv64();
        digest.Add(call.Repo).Add(call.Method).Add(call.Url).Add(call.BaseHint).Add(call.Client).Add(call.Unresolved).Add(call.OperationId);
        digest.Add(Target?.Repo).Add(Target?.Evidence).Add(BaseNote).Add(Path).Add(UnknownBase ? "1" : "0").Add(Dynamic);
        // Counts before lists, so no two different resolutions read as the same sequence.
        digest.Add(Count(Segments.Count));
        foreach (var segment in Segments) digest.Add(segment);
        digest.Add(Count(Hops.Count));
        foreach (var hop in Hops)
        {
            digest.Add(hop.Via).Add(hop.ViaRepo).Add(hop.DestinationRepo).Add(Count(hop.Segments.Count));
            foreach (var segment in hop.Segments) digest.Add(segment);
        }
        return digest.Value;
    }

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Matches every call site of the workspace to the endpoints it may reach. The call's path (joined to its base the way
/// its client joins) is compared segment by segment with each route; the method must agree (unknown matches any, for
/// less); the service the base points to decides between services sharing a path; a gateway route is followed one hop;
/// a call written against an OpenAPI document that several providers implement links to each of them (spec-mediated).
/// Across repos a link needs that evidence (a target, a gateway, a shared contract); a path that only another repo
/// serves leaves the call unresolved, naming those routes. Every call ends linked (ranked, ambiguity stated) or unresolved with a reason.
/// </summary>
public sealed class Linker
{
    private readonly RouteIndex _routes;
    private readonly IReadOnlySet<string> _implementations;

    /// <summary>The repos that implement a shared OpenAPI document (<see cref="SpecMediation.Implementations"/>) among this linker's endpoints.</summary>
    internal IReadOnlySet<string> Implementations => _implementations;
    private readonly ServiceDirectory _directory;
    private readonly IReadOnlyList<RepoFact<ProxyRouteFact>> _proxies;
    private readonly Dictionary<string, List<RepoFact<ProxyRouteFact>>> _proxiesByRepo;

    private sealed record Candidate(Route Route, bool Templated, string? Via, string? ViaRepo);

    public Linker(IEnumerable<LinkEndpoint> endpoints, ServiceDirectory directory, IReadOnlyList<RepoFact<ProxyRouteFact>> proxies)
    {
        var list = endpoints as IReadOnlyCollection<LinkEndpoint> ?? endpoints.ToList();
        _routes = new RouteIndex(list);
        _implementations = SpecMediation.Implementations(list);
        _directory = directory;
        _proxies = proxies;
        _proxiesByRepo = proxies.GroupBy(p => p.Repo, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public LinkResult Link(IEnumerable<LinkCall> calls)
    {
        var links = new List<Link>();
        var unresolved = new List<UnresolvedCall>();
        foreach (var call in calls)
        {
            var outcome = Link(call, Resolve(call));
            if (outcome.Unresolved is not null) unresolved.Add(outcome.Unresolved);
            links.AddRange(outcome.Links);
        }
        return new LinkResult(
            links.OrderBy(l => l.CallSite, StringComparer.Ordinal).ThenByDescending(l => l.Score).ThenBy(l => l.Endpoint, StringComparer.Ordinal).ToList(),
            unresolved.OrderBy(u => u.CallSite, StringComparer.Ordinal).ToList());
    }

    /// <summary>Where the call goes, before any endpoint is looked at.</summary>
    public CallResolution Resolve(LinkCall call)
    {
        var url = CallUrl.Parse(call.Url);
        var leadingHole = url.StartsWithHole;
        // `${process.env.ORDERS_URL}/orders` with hint env:ORDERS_URL: the leading hole is the base the hint names.
        if (url.StartsWithHole && call.BaseHint is not null && url.Path.IndexOf('}') is var close and > 0)
            url = CallUrl.Parse(url.Path[(close + 1)..] is { Length: > 0 } rest && rest.StartsWith('/') ? rest : "/" + url.Path[(close + 1)..]);
        var target = Target(call, url, out var basePath, out var baseNote, out var lookup);
        var path = url.IsAbsolute || basePath is null ? url.Path : UrlJoin.Join(basePath, url.Path, StyleOf(call.Client));
        var segments = CallUrl.SplitPath(path).ToList();
        var unknownBase = url.StartsWithHole && target is null && basePath is null;
        if (unknownBase && segments.Count > 0 && segments[0] == "{}") segments.RemoveAt(0);
        if (segments.Count == 0 && call.Unresolved is not null)
            return new CallResolution(target, baseNote, path, segments, unknownBase, $"dynamic URL: {call.Unresolved}", [], lookup, []);
        // `{url}` alone: the whole URL is computed at run time; it is not the root path of every service.
        if (segments.Count == 0 && leadingHole && target is null && basePath is null)
            return new CallResolution(target, baseNote, path, segments, unknownBase, $"dynamic URL: the whole URL is a value computed at run time ({call.Url})", [], lookup, []);
        var hops = Hops(target, path, out var hopLookups);
        return new CallResolution(target, baseNote, path, segments, unknownBase, null, hops, lookup, hopLookups);
    }

    /// <summary>The lookup standing for the workspace's gateway routes, whose answer changes when any of them does.</summary>
    public const string ProxiesLookup = "proxies";

    private static string HostLookup(string host) => "host:" + host;

    private static string KeyLookup(string callerRepo, string key) => "key:" + callerRepo + "\n" + key;

    /// <summary>
    /// The service directory's answer to a lookup (<see cref="CallResolution.Lookup"/>): where a host points, what a config
    /// key or env var names for a repo, or the gateway routes; as a digest, and the repo it points to. A resolution can
    /// differ only if an answer does.
    /// </summary>
    public LookupAnswer Answer(string lookup)
    {
        (string Repo, string Evidence)? resolved = null;
        var digest = new Fnv64().Add(lookup);
        if (lookup == ProxiesLookup)
        {
            foreach (var proxy in _proxies)
                digest.Add(proxy.Repo).Add(proxy.Fact.Name).Add(proxy.Fact.MatchPath).Add(proxy.Fact.Destination).Add(proxy.Fact.DestinationPath).Add(proxy.Fact.RemovePrefix);
        }
        else if (lookup.StartsWith("host:", StringComparison.Ordinal))
        {
            resolved = _directory.Resolve(lookup["host:".Length..]);
            digest.Add(resolved?.Repo).Add(resolved?.Evidence);
        }
        else if (lookup.StartsWith("key:", StringComparison.Ordinal) && lookup.IndexOf('\n', StringComparison.Ordinal) is var split and > 0)
        {
            var (alias, value) = KeyValue(lookup["key:".Length..split], lookup[(split + 1)..]);
            resolved = alias is not null ? (alias, "") : value is null ? null : _directory.Resolve(BaseUrl(value).Host!);
            digest.Add(alias).Add(value).Add(resolved?.Repo).Add(resolved?.Evidence);
        }
        return new LookupAnswer(digest.Value, resolved?.Repo);
    }

    /// <summary>What a config key or env var names for a repo: a mesh.json alias, or else a value from the configuration files.</summary>
    private (string? Alias, string? Value) KeyValue(string callerRepo, string key) =>
        _directory.RepoOfAlias(key) is { } aliased ? (aliased, null) : (null, _directory.ConfigValue(callerRepo, key));

    private static CallUrl BaseUrl(string value) => CallUrl.Parse(value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value);

    /// <summary>The call's links, or why it has none.</summary>
    public LinkOutcome Link(LinkCall call, CallResolution resolution)
    {
        if (resolution.Dynamic is { } dynamic) return new LinkOutcome([], new UnresolvedCall(call.Id, dynamic, Tail(call.Url)), "");
        var (target, segments, path) = (resolution.Target, resolution.Segments, resolution.Path);
        var method = call.Method?.ToUpperInvariant();
        // A match made only of holes and parameters (`/{pattern}`, a call `/{id}`) says nothing about where the call goes:
        // it counts only in the repo the call's base points to.
        var candidates = _routes.Match(segments, method).Where(r => !Blind(r, segments) || r.Endpoint.Repo == target?.Repo)
            .Select(r => new Candidate(r, IsTemplated(r, segments), null, null)).ToList();
        // A route of the call's own method is a better answer than one of the same service that takes every method
        // (app.all). Another service's routes say nothing about this one's, and incremental linking relies on that.
        if (method is not null && candidates.Where(c => c.Route.Endpoint.Method == method).Select(c => c.Route.Endpoint.Repo).ToHashSet(StringComparer.Ordinal) is { Count: > 0 } exact)
            candidates.RemoveAll(c => c.Route.Endpoint.Method == EndpointFact.AnyMethod && exact.Contains(c.Route.Endpoint.Repo));
        var viaGateway = new List<Candidate>();
        foreach (var hop in resolution.Hops)
            foreach (var route in _routes.Match(hop.Segments, method))
                if (hop.DestinationRepo is null ? !Blind(route, hop.Segments) : route.Endpoint.Repo == hop.DestinationRepo)
                    viaGateway.Add(new Candidate(route, false, hop.Via, hop.ViaRepo));
        // When the target serves a route the call matches, only the target's routes count: nothing elsewhere can change the links.
        var decidedBy = target is { } decider && candidates.Any(c => c.Route.Endpoint.Repo == decider.Repo) ? decider.Repo : null;
        if (target is not null && viaGateway.Count > 0 && decidedBy is null) candidates = viaGateway;
        else if (candidates.Count == 0) candidates = viaGateway;

        if (candidates.Count == 0)
        {
            var reason = resolution.UnknownBase ? $"unknown base: the URL starts with a value computed at run time ({call.Url})"
                : resolution.BaseNote is not null && target is null ? $"unknown base: {resolution.BaseNote}; no route matches {method ?? "any method"} {path}"
                : $"no such route: {method ?? "any method"} {path}" + (target is { } t ? $" in '{t.Repo}' ({t.Evidence})" : "");
            return new LinkOutcome([], new UnresolvedCall(call.Id, reason, Tail(call.Url)), decidedBy);
        }

        // With no base to decide, a shared OpenAPI document may: the call reaches each service that implements it.
        var distinct = candidates.DistinctBy(c => c.Route.Endpoint.Id).ToList();
        var noEvidence = target is null && distinct.All(c => c.Via is null);
        var mediated = noEvidence ? SpecMediation.Decide(call, distinct.Select(c => c.Route).ToList(), _implementations) : null;
        if (noEvidence && mediated is null)
        {
            // Nothing says the call leaves its repo for another one (no base, gateway or shared contract): its own repo's
            // routes are evidence enough, another repo's matching path is only a candidate.
            var own = distinct.Where(c => c.Route.Endpoint.Repo == call.Repo).ToList();
            if (own.Count == 0 && viaGateway.Count > 0) own = viaGateway;
            if (own.Count == 0)
                return new LinkOutcome([], new UnresolvedCall(call.Id, NoEvidence(method, path, resolution, distinct), Tail(call.Url)), decidedBy);
            candidates = own;
        }
        var links = Rank(call, candidates, target, mediated, method is null, resolution.UnknownBase);
        links.Sort((a, b) => b.Score.CompareTo(a.Score) is var byScore and not 0 ? byScore : string.CompareOrdinal(a.Endpoint, b.Endpoint));
        return new LinkOutcome(links, null, decidedBy);
    }

    /// <summary>How many candidates an unresolved call's reason names.</summary>
    private const int NamedCandidates = 5;

    /// <summary>Why a call that matches only other repos' routes has no link, naming those routes.</summary>
    private static string NoEvidence(string? method, string path, CallResolution resolution, List<Candidate> candidates)
    {
        var why = resolution.UnknownBase ? "its URL starts with a value computed at run time"
            : resolution.BaseNote is { } note ? note
            : "its URL has no base naming a service, and no gateway or shared OpenAPI document leads there";
        var named = candidates.Select(c => $"{c.Route.Endpoint.Repo} {c.Route.Endpoint.Method} {c.Route.Endpoint.Route}")
            .Order(StringComparer.Ordinal).ToList();
        var more = named.Count > NamedCandidates ? $" and {named.Count - NamedCandidates} more" : "";
        return $"no evidence which repo it reaches: {method ?? "any method"} {path} is served by {string.Join(", ", named.Take(NamedCandidates))}{more} ({why})";
    }

    /// <summary>
    /// Does the route match the path only through parameters and holes, no literal segment of one meeting a literal of the
    /// other? (A route that is all parameters, or a path that is all holes; the root path matches itself.)
    /// </summary>
    private static bool Blind(Route route, IReadOnlyList<string> segments)
    {
        var count = Math.Min(route.Segments.Length, segments.Count);
        if (route.Segments.Length == 0 && segments.Count == 0) return false;
        for (var i = 0; i < count; i++)
            if (route.Segments[i] != "{}" && !segments[i].Contains("{}", StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>The repo the call's host or base points to, and the base path to join the call's path to.</summary>
    private (string Repo, string Evidence)? Target(LinkCall call, CallUrl url, out string? basePath, out string? note, out string? lookup)
    {
        basePath = null;
        note = null;
        lookup = null;
        if (url.IsAbsolute)
        {
            lookup = HostLookup(url.Host!);
            return _directory.Resolve(url.Host!);
        }
        if (call.BaseHint is not { } hint) return null;
        string? value = hint;
        var colon = hint.IndexOf(':');
        if (hint.StartsWith("config:", StringComparison.Ordinal) || hint.StartsWith("env:", StringComparison.Ordinal))
        {
            var key = hint[(colon + 1)..];
            lookup = KeyLookup(call.Repo, key);
            (var aliased, value) = KeyValue(call.Repo, key);
            if (aliased is not null) return (aliased, $"mesh.json service alias '{key}'");
            if (value is null)
            {
                note = $"{hint} has no value in the workspace's configuration files";
                return null;
            }
        }
        var baseUrl = BaseUrl(value);
        lookup ??= HostLookup(baseUrl.Host!);
        basePath = baseUrl.Path;
        var resolved = _directory.Resolve(baseUrl.Host!);
        if (resolved is null) note = $"'{value}' names no repo or service of the workspace";
        return resolved is { } r && value != hint ? (r.Repo, $"{r.Evidence} via {hint}") : resolved;
    }

    // Angular's HttpClient has no base address: a base bound to its calls is text an interceptor puts in front of the URL.
    private static JoinStyle StyleOf(string client) => client is "Refit" or "axios" or "ky" or "angular" ? JoinStyle.Concatenate : JoinStyle.Rfc3986;

    /// <summary>The last segment with literal text (an unknown base glued in front is cut off), lower case.</summary>
    public static string? Tail(string url)
    {
        var last = CallUrl.SplitPath(CallUrl.Parse(url).Path).LastOrDefault(s => s.Replace("{}", "", StringComparison.Ordinal).Length > 0);
        return last?[(last.LastIndexOf("{}", StringComparison.Ordinal) is var hole and >= 0 ? hole + 2 : 0)..].ToLowerInvariant();
    }

    private static bool IsTemplated(Route route, IReadOnlyList<string> segments) =>
        segments.Select((s, i) => s == "{}" && i < route.Segments.Length && route.Segments[i] != "{}").Any(x => x);

    /// <summary>The gateway routes (of the target, or of any gateway when the base is unknown) the path matches, followed one hop.</summary>
    private List<GatewayHop> Hops((string Repo, string Evidence)? target, string path, out List<string> lookups)
    {
        var result = new List<GatewayHop>();
        lookups = [];
        var proxies = target is { } t ? _proxiesByRepo.GetValueOrDefault(t.Repo) ?? [] : _proxies;
        foreach (var proxy in proxies)
        {
            // A gateway route that is all parameters (`/{**catch-all}`) takes any path: evidence only for calls to that gateway.
            if (target is null && CallUrl.SplitPath(proxy.Fact.MatchPath).All(s => s == "{}")) continue;
            if (Downstream(proxy.Fact, path) is not { } downstreamPath) continue;
            var destination = CallUrl.Parse(proxy.Fact.Destination.Contains("://", StringComparison.Ordinal) ? proxy.Fact.Destination : "http://" + proxy.Fact.Destination);
            var downstreamRepo = _directory.Resolve(destination.Host!)?.Repo;
            lookups.Add(HostLookup(destination.Host!));
            var joined = UrlJoin.Join(destination.Path, downstreamPath, JoinStyle.Concatenate);
            result.Add(new GatewayHop($"{proxy.Repo}:{proxy.Fact.Name}", proxy.Repo, downstreamRepo, CallUrl.SplitPath(joined)));
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

    private static List<Link> Rank(
        LinkCall call, List<Candidate> candidates, (string Repo, string Evidence)? target, SpecMediation.Decision? mediated, bool methodUnknown, bool unknownBase)
    {
        // A route reached through the target's own gateway counts as the target's.
        var inTarget = target is { } t ? candidates.Where(c => c.Route.Endpoint.Repo == t.Repo || c.ViaRepo == t.Repo).ToList() : [];
        var chosen = inTarget.Count > 0 ? inTarget : candidates;
        var distinct = chosen.DistinctBy(c => c.Route.Endpoint.Id).ToList();
        if (mediated is not null)
        {
            var providers = mediated.Providers.Select(r => r.Endpoint.Id).ToHashSet(StringComparer.Ordinal);
            distinct = distinct.Where(c => providers.Contains(c.Route.Endpoint.Id)).ToList();
        }
        var links = new List<Link>();
        foreach (var candidate in distinct)
        {
            string reason;
            double score;
            var via = candidate.Via;
            if (mediated is not null)
                (score, reason, via) = (mediated.Score, mediated.Reason, mediated.Via);
            else if (inTarget.Count > 0)
            {
                (score, reason) = (0.95, $"path+method+service ({target!.Value.Evidence})");
                if (candidate.Via is not null) reason = $"path+method+service through gateway route {candidate.Via}";
            }
            else if (target is { } elsewhere)
                (score, reason) = (0.35, $"path+method, but the base points to '{elsewhere.Repo}' ({elsewhere.Evidence}), which has no such route");
            else if (candidate.Via is not null)
                (score, reason) = (distinct.Count == 1 ? 0.85 : 0.5, $"path+method through gateway route {candidate.Via}" + (distinct.Count == 1 ? "" : $", ambiguous: {distinct.Count} endpoints"));
            else if (distinct.Count == 1)
                (score, reason) = (0.85, "path+method in the caller's own repo");
            else
                (score, reason) = (0.5, $"path+method, ambiguous: {distinct.Count} endpoints of the caller's own repo");
            if (distinct.Count > 1 && inTarget.Count > 0) (score, reason) = (score - 0.2, reason + $"; ambiguous among {distinct.Count} endpoints of the service");
            if (methodUnknown) (score, reason) = (score - 0.15, reason + "; method unknown");
            if (candidate.Templated) (score, reason) = (score - 0.05, reason + "; a computed segment stands for a literal one");
            if (unknownBase) (score, reason) = (score - 0.1, reason + "; base unknown");
            links.Add(new Link(call.Id, candidate.Route.Endpoint.Id, Math.Round(Math.Clamp(score, 0.05, 1), 2, MidpointRounding.AwayFromZero), reason, via));
        }
        return links;
    }
}
