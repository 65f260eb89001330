namespace Mesh.Engine.Linking;

/// <summary>An endpoint's route taken apart for matching: segments with every parameter as <c>{}</c>.</summary>
internal sealed record Route(LinkEndpoint Endpoint, string[] Segments, bool IgnoreCase, bool CatchAll)
{
    /// <summary>The operation the route serves, whatever describes it (a spec or code): method and lower-case path key.</summary>
    public string Operation { get; } = Endpoint.Method + " /" + string.Join('/', Segments).ToLowerInvariant();

    public static Route Of(LinkEndpoint endpoint) =>
        new(endpoint, CallUrl.SplitPath(endpoint.Route).ToArray(), endpoint.Framework == "aspnetcore", endpoint.Route.Contains("{*", StringComparison.Ordinal));
}

/// <summary>
/// Routes by (segment count, position, literal text in lower case) and by (count, position) where they take a parameter:
/// a path starts from its most selective literal position and checks only those routes. Routes keep the order they
/// were added in, so matches come out in a stable order.
/// </summary>
internal sealed class RouteIndex
{
    private readonly Dictionary<(int Count, int Position, string Text), List<Route>> _literals = [];
    private readonly Dictionary<(int Count, int Position), List<Route>> _parameters = [];
    private readonly Dictionary<int, List<Route>> _bySegments = [];
    private readonly List<Route> _catchAll = [];

    /// <summary>Indexes the plain HTTP endpoints (gRPC and other kinds are never called by URL).</summary>
    public RouteIndex(IEnumerable<LinkEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints.Where(e => e.Kind is null))
        {
            var route = Route.Of(endpoint);
            var segments = route.Segments;
            if (route.CatchAll) _catchAll.Add(route);
            Add(_bySegments, segments.Length, route);
            for (var position = 0; position < segments.Length; position++)
            {
                if (segments[position].Contains("{}", StringComparison.Ordinal)) Add(_parameters, (segments.Length, position), route);
                else Add(_literals, (segments.Length, position, segments[position].ToLowerInvariant()), route);
            }
        }
    }

    public bool IsEmpty => _bySegments.Count == 0;

    private static void Add<TKey>(Dictionary<TKey, List<Route>> index, TKey key, Route route) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(route);
    }

    /// <summary>Routes a path of these segments reaches with this method (null: any method).</summary>
    public IEnumerable<Route> Match(IReadOnlyList<string> segments, string? method)
    {
        var (literal, parameter) = Candidates(segments);
        foreach (var route in literal)
            if (Matches(route, segments, method)) yield return route;
        foreach (var route in parameter)
            if (Matches(route, segments, method)) yield return route;
        if (_catchAll.Count == 0) yield break;
        foreach (var route in _catchAll)
        {
            // A catch-all route of the path's own length that can match is in the lists above (its last segment is a parameter).
            if (route.Segments.Length > segments.Count + 1 || route.Segments.Length == segments.Count) continue;
            if (Matches(route, segments, method)) yield return route;
        }
    }

    /// <summary>Does any route match a path of these segments with this method?</summary>
    public bool Any(IReadOnlyList<string> segments, string? method)
    {
        using var matches = Match(segments, method).GetEnumerator();
        return matches.MoveNext();
    }

    private static bool Matches(Route route, IReadOnlyList<string> segments, string? method) =>
        (method is null || route.Endpoint.Method == method || route.Endpoint.Method == Model.EndpointFact.AnyMethod) && SegmentsMatch(route, segments);

    private static readonly List<Route> None = [];

    /// <summary>The routes of the path's most selective literal position (those with that literal and those with a parameter there).</summary>
    private (List<Route> Literal, List<Route> Parameter) Candidates(IReadOnlyList<string> segments)
    {
        var count = segments.Count;
        (List<Route>, List<Route>)? best = null;
        var bestSize = int.MaxValue;
        for (var position = 0; position < count; position++)
        {
            if (segments[position].Contains("{}", StringComparison.Ordinal)) continue;
            var literal = _literals.TryGetValue((count, position, segments[position].ToLowerInvariant()), out var l) ? l : None;
            var parameter = _parameters.TryGetValue((count, position), out var p) ? p : None;
            if (literal.Count + parameter.Count >= bestSize) continue;
            bestSize = literal.Count + parameter.Count;
            best = (literal, parameter);
        }
        return best ?? (_bySegments.TryGetValue(count, out var all) ? all : None, None);
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
}
