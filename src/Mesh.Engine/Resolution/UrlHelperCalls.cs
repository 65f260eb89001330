using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Evaluates calls of a repo's URL helpers that sit in other files than the call (<see cref="UrlHelperCall"/> holes):
/// each becomes what the helper returns for the call's arguments; a call of any other function keeps a hole named
/// after the function.
/// </summary>
public sealed class UrlHelperCalls(IEnumerable<UrlHelperFact> helpers)
{
    private readonly Dictionary<string, List<UrlHelperFact>> _byName = helpers
        .GroupBy(h => h.Function, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    /// <summary>The text with each call's hole replaced; <paramref name="unknown"/> holds the holes no helper explained.</summary>
    public string Evaluate(string text, IReadOnlyList<UrlHelperCall>? calls, out IReadOnlySet<string> unknown)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        unknown = missing;
        if (calls is null) return text;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        // An inner call is recorded before the call whose argument it is, so its value is known when the outer one needs it.
        foreach (var call in calls)
        {
            var arguments = call.Arguments.Select(a => Substitute(a, values)).ToList();
            var value = Apply(call.Function, arguments);
            if (value is null) missing.Add("{" + call.Function + "}");
            values[call.Hole] = value ?? "{" + call.Function + "}";
        }
        return Substitute(text, values);
    }

    private static string Substitute(string text, Dictionary<string, string> values)
    {
        foreach (var (hole, value) in values) text = text.Replace("{" + hole + "}", value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>What the helper of that name returns for these arguments, or null when no single helper fits.</summary>
    private string? Apply(string function, IReadOnlyList<string> arguments)
    {
        if (!_byName.TryGetValue(function, out var named)) return null;
        var fitting = named.Where(h => h.Variadic ? arguments.Count >= h.Parameters.Count - 1 : arguments.Count == h.Parameters.Count)
            .DistinctBy(h => (h.Template, h.Variadic, string.Join(",", h.Parameters))).ToList();
        if (fitting is not [var helper]) return null;
        var text = helper.Template;
        var fixedCount = helper.Variadic ? helper.Parameters.Count - 1 : helper.Parameters.Count;
        if (helper.Variadic)
        {
            var hole = "{" + helper.Parameters[^1] + "}";
            var rest = arguments.Skip(fixedCount).ToList();
            var first = text.IndexOf(hole, StringComparison.Ordinal);
            var second = first < 0 ? -1 : text.IndexOf(hole, first + hole.Length, StringComparison.Ordinal);
            if (second >= 0 && text.IndexOf(hole, second + hole.Length, StringComparison.Ordinal) >= 0) return null;
            if (second >= 0)
            {
                // {parts}/{parts}: the loop puts the separator between each part and the next.
                var separator = text[(first + hole.Length)..second];
                text = text[..first] + string.Join(separator, rest) + text[(second + hole.Length)..];
            }
            else if (first >= 0)
            {
                text = text[..first] + (rest.FirstOrDefault() ?? "") + text[(first + hole.Length)..];
            }
        }
        for (var i = 0; i < fixedCount; i++) text = text.Replace("{" + helper.Parameters[i] + "}", arguments[i], StringComparison.Ordinal);
        return text;
    }
}
