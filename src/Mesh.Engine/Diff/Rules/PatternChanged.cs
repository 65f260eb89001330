namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A string's pattern was added, changed or removed. A new request pattern rejects values clients sent; a changed
/// one may; one that now matches anything (<c>.*</c>) only generalizes.
/// </summary>
public sealed class PatternChanged : ISchemaRule
{
    private static readonly string[] RequestPrefixes = ["request-property", "request-parameter"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("pattern-added", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("pattern-changed", ChangeLevel.Warn, RequestPrefixes),
        .. SiteIds.Each("pattern-generalized", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("pattern-removed", ChangeLevel.Info, RequestPrefixes),
        new("response-property-pattern-added", ChangeLevel.Info),
        new("response-property-pattern-changed", ChangeLevel.Info),
        new("response-property-pattern-removed", ChangeLevel.Info),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        // An empty pattern constrains nothing, as if absent.
        var (before, after) = (NullIfEmpty(pair.Base.Pattern), NullIfEmpty(pair.Head.Pattern));
        if (before == after) return;
        var where = Sites.Describe(pair.Site);
        var (suffix, message) = (before, after) switch
        {
            (null, _) => ("pattern-added", $"{where} must now match the pattern '{after}'"),
            (_, null) => ("pattern-removed", $"{where} no longer has the pattern '{before}'"),
            _ when MatchesAnything(after) => ("pattern-generalized", $"{where} pattern generalized from '{before}' to '{after}'"),
            _ => ("pattern-changed", $"{where} pattern changed from '{before}' to '{after}'"),
        };
        var id = _ids.For(pair.Site, suffix) ?? (suffix == "pattern-generalized" ? _ids.For(pair.Site, "pattern-changed") : null);
        if (id is not null) sink.Report(id, pair, message, before, after);
    }

    private static string? NullIfEmpty(string? pattern) => string.IsNullOrEmpty(pattern) ? null : pattern;

    private static bool MatchesAnything(string pattern) => pattern is ".*" or "^.*$" or "^.*" or ".*$";
}
