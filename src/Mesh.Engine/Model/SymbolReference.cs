using System.Text.RegularExpressions;

namespace Mesh.Engine.Model;

/// <summary>
/// A value an extractor could not see, written into a text (route path, prefix, URL) for the resolver to fill in from
/// another file's <see cref="ValueFact"/>s: <c>{name=reference}</c>, or <c>{name=reference|hint}</c> when the value,
/// if it stays unknown, is a base-URL hint (<c>config:API_URL</c>). <see cref="Reference"/> is a scope-like name
/// (<c>@settings.API_V1_STR</c> in this file, <c>py:app.core.config@settings.API_V1_STR</c> in a module).
/// Markers never leave the resolver: one that finds no value becomes the hole <c>{name}</c>.
/// </summary>
public sealed partial record SymbolReference(string Name, string Reference, string? Hint)
{
    public string Marker => "{" + Name + "=" + Reference + (Hint is null ? "" : "|" + Hint) + "}";

    public static bool HasAny(string? text) => text is not null && text.Contains('=', StringComparison.Ordinal) && Pattern().IsMatch(text);

    /// <summary>The markers of a text with where each stands.</summary>
    public static IEnumerable<(SymbolReference Reference, int Index, int Length)> All(string text)
    {
        foreach (Match match in Pattern().Matches(text))
            yield return (new SymbolReference(match.Groups["name"].Value, match.Groups["ref"].Value,
                match.Groups["hint"].Success ? match.Groups["hint"].Value : null), match.Index, match.Length);
    }

    [GeneratedRegex(@"\{(?<name>\w+)=(?<ref>[^{}|=/\s]+)(\|(?<hint>[^{}|\s]+))?\}")]
    private static partial Regex Pattern();
}
