using System.Text.RegularExpressions;
using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Turns scope-relative routes into absolute ones: follows each scope's mounts up to the root (a scope mounted twice
/// yields the route twice), joins prefixes, unions declared versions, and replaces <c>[controller]</c>/<c>[action]</c> tokens.
/// Class members (<see cref="EndpointFact.ClassMember"/>) exist only where mounted, and a member of a scope that another
/// is mounted through (a subclass's override) wins over the inherited one of the same method and path.
/// </summary>
public static partial class RouteComposer
{
    private const int MaxDepth = 16;
    private const string MethodScope = "cs:method:";

    /// <summary>A root-relative prefix of a scope; <paramref name="Through"/> are the scopes it is mounted through, nearest first.</summary>
    private sealed record Prefix(string Path, IReadOnlyList<string> Versions, IReadOnlyList<string> Through);

    public static IEnumerable<(string File, EndpointFact Fact)> Compose(
        IReadOnlyList<(string File, EndpointFact Fact)> endpoints, IReadOnlyList<MountFact> mounts)
    {
        var byScope = mounts.GroupBy(m => m.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var cache = new Dictionary<string, IReadOnlyList<Prefix>?>(StringComparer.Ordinal);
        var members = new List<(string File, EndpointFact Fact, string Scope, IReadOnlyList<string> Through)>();
        foreach (var (file, fact) in endpoints)
        {
            if (fact.Scope is null)
            {
                yield return (file, Finish(fact, fact.Path, fact.Versions));
                continue;
            }
            var prefixes = Prefixes(fact.Scope, byScope, cache, []);
            if (prefixes is null)
            {
                if (fact.ClassMember) continue;
                var unmounted = fact.Scope.StartsWith(MethodScope, StringComparison.Ordinal);
                var composed = Finish(fact, fact.Path, fact.Versions);
                yield return (file, unmounted
                    ? composed with { Confidence = Math.Min(fact.Confidence ?? 1, 0.7), Note = fact.Note ?? $"{fact.Scope[MethodScope.Length..]} is never called in this repo: the route prefix it is mounted at is unknown" }
                    : composed);
                continue;
            }
            foreach (var prefix in prefixes)
            {
                var versions = fact.Versions ?? (prefix.Versions.Count > 0 ? prefix.Versions : null);
                var composed = Finish(fact, RoutePath.Join(prefix.Path, fact.Path), versions);
                if (fact.ClassMember) members.Add((file, composed, fact.Scope, prefix.Through));
                else yield return (file, composed);
            }
        }
        foreach (var group in members.GroupBy(m => (m.Fact.Method, m.Fact.Path)))
            foreach (var member in group)
                if (!group.Any(other => member.Through.Contains(other.Scope, StringComparer.Ordinal)))
                    yield return (member.File, member.Fact);
    }

    /// <summary>All root-relative prefixes of a scope, or null when nothing mounts it. Cycles are cut.</summary>
    private static IReadOnlyList<Prefix>? Prefixes(string scope, Dictionary<string, List<MountFact>> byScope,
        Dictionary<string, IReadOnlyList<Prefix>?> cache, HashSet<string> visiting)
    {
        if (cache.TryGetValue(scope, out var known)) return known;
        if (!byScope.TryGetValue(scope, out var scopeMounts) || visiting.Count > MaxDepth || !visiting.Add(scope)) return null;
        var result = new List<Prefix>();
        foreach (var mount in scopeMounts)
        {
            var parents = mount.Parent is null ? [new Prefix("", [], [])]
                : Prefixes(mount.Parent, byScope, cache, visiting) ?? (mount.Inherited ? [] : [new Prefix("", [], [])]);
            foreach (var parent in parents)
                result.Add(new Prefix(RoutePath.Join(parent.Path, mount.Prefix), [.. parent.Versions, .. mount.Versions ?? []],
                    mount.Parent is null ? [] : [mount.Parent, .. parent.Through]));
        }
        visiting.Remove(scope);
        // Only mounted into classes that nothing mounts: as unmounted as a scope without mounts.
        IReadOnlyList<Prefix>? distinct = result.Count == 0 ? null : result.DistinctBy(p => (p.Path, string.Join(',', p.Versions))).ToList();
        cache[scope] = distinct;
        return distinct;
    }

    private static EndpointFact Finish(EndpointFact fact, string path, IReadOnlyList<string>? versions) => fact with
    {
        Path = ReplaceTokens(path.StartsWith('/') ? path : "/" + path, fact.RouteTokens),
        Scope = null,
        ClassMember = false,
        Versions = versions?.Distinct().Order(StringComparer.Ordinal).ToList(),
    };

    private static string ReplaceTokens(string path, IReadOnlyDictionary<string, string>? tokens) =>
        tokens is null ? path : Token().Replace(path, m => tokens.TryGetValue(m.Groups[1].Value.ToLowerInvariant(), out var value) ? value : m.Value);

    [GeneratedRegex(@"\[(\w+)\]")]
    private static partial Regex Token();
}
