using System.Text.RegularExpressions;
using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>
/// Pairs the parameters of one operation at base and head. Parameters are the same when location and name agree
/// (header names ignore case, as HTTP does); path parameters pair by their position in the route, so renaming
/// <c>{id}</c> to <c>{orderId}</c> changes nothing a client sends.
/// </summary>
public static partial class ParameterPairs
{
    public static IEnumerable<(ApiParameter Base, ApiParameter Head)> Matched(EndpointFact before, EndpointFact after)
    {
        foreach (var b in before.Parameters)
            if (Partner(b, before, after) is { } h) yield return (b, h);
    }

    /// <summary>Parameters at base with no partner at head.</summary>
    public static IEnumerable<ApiParameter> Removed(EndpointFact before, EndpointFact after) =>
        before.Parameters.Where(b => Partner(b, before, after) is null);

    /// <summary>Parameters at head with no partner at base.</summary>
    public static IEnumerable<ApiParameter> Added(EndpointFact before, EndpointFact after) =>
        after.Parameters.Where(h => Partner(h, after, before) is null);

    /// <summary>The parameter of <paramref name="other"/> that is <paramref name="parameter"/> of <paramref name="own"/>.</summary>
    private static ApiParameter? Partner(ApiParameter parameter, EndpointFact own, EndpointFact other)
    {
        if (parameter.In == "path")
        {
            var position = Placeholders(own.Path).IndexOf(parameter.Name);
            var names = Placeholders(other.Path);
            if (position >= 0 && position < names.Count)
                return other.Parameters.FirstOrDefault(p => p.In == "path" && p.Name == names[position]);
        }
        return other.Parameters.FirstOrDefault(p => Same(p, parameter));
    }

    /// <summary>Where a parameter is, as a change's location: <c>query parameter limit</c>.</summary>
    public static string Location(this ApiParameter parameter) => $"{parameter.In} parameter {parameter.Name}";

    /// <summary>A parameter as messages name it: <c>query parameter 'limit'</c>.</summary>
    public static string Label(this ApiParameter parameter) => $"{parameter.In} parameter '{parameter.Name}'";

    public static bool Same(ApiParameter a, ApiParameter b) =>
        a.In == b.In && string.Equals(a.Name, b.Name, a.In == "header" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static List<string> Placeholders(string path) => [.. PlaceholderPattern().Matches(path).Select(m => m.Groups["name"].Value)];

    /// <summary>A parameter's name in any route syntax: <c>{id}</c>, <c>{id:int}</c>, <c>{*path}</c>, <c>&lt;int:id&gt;</c>, <c>:id</c>, <c>[id]</c>, <c>[...slug]</c>.</summary>
    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z_][\w.-]*)[^{}]*\}|<(?:[^:<>]+:)?(?<name>[A-Za-z_]\w*)>|(?<=/):(?<name>[A-Za-z_]\w*)|\[(?:\.\.\.)?(?<name>[A-Za-z_]\w*)\]")]
    private static partial Regex PlaceholderPattern();
}
