using System.Collections.Frozen;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// The ids a schema rule declares, looked up by site: a rule reports <c>{prefix}-{suffix}</c> only where it declares
/// that id, so a site oasdiff has no id for stays silent instead of inventing one.
/// </summary>
internal sealed class SiteIds
{
    private readonly FrozenSet<string> _declared;

    public SiteIds(IEnumerable<RuleInfo> ids)
    {
        All = [.. ids];
        _declared = All.Select(i => i.Id).ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleInfo> All { get; }

    /// <summary><c>{prefix}-{suffix}</c> for the site when declared, else null.</summary>
    public string? For(SchemaSite site, string suffix) => First($"{Prefix(site)}-{suffix}");

    /// <summary>The first of <paramref name="candidates"/> that is declared.</summary>
    public string? First(params string?[] candidates) => candidates.FirstOrDefault(c => c is not null && _declared.Contains(c));

    /// <summary>
    /// The site's id prefix. The items (or composed parts) of a parameter are the parameter's own values, so they
    /// take the parameter's prefix: a query <c>ids</c> array whose items lose an enum value is a parameter change.
    /// </summary>
    public static string Prefix(SchemaSite site) =>
        site.Part is SchemaPart.ParameterProperty or SchemaPart.HeaderProperty && site.PropertyName is null
            ? (site with { Part = SchemaPart.Parameter }).Prefix
            : site.Prefix;

    /// <summary><paramref name="suffix"/> at each prefix, all at one level.</summary>
    public static IEnumerable<RuleInfo> Each(string suffix, ChangeLevel level, params string[] prefixes) =>
        prefixes.Select(p => new RuleInfo($"{p}-{suffix}", level));
}
