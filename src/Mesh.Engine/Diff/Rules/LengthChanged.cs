namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A string's minimum or maximum length changed. A longer minimum or shorter maximum rejects request values clients
/// sent; a shorter minimum or longer (or removed) maximum may hand readers values they cannot store.
/// </summary>
public sealed class LengthChanged : ISchemaRule
{
    private static readonly string[] RequestPrefixes = ["request-body", "request-property", "request-parameter"];
    private static readonly string[] ResponsePrefixes = ["response-body", "response-property"];

    private static readonly Limits MinLength = new("min-length", "minimum length", Lower: true);
    private static readonly Limits MaxLength = new("max-length", "maximum length", Lower: false);

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("min-length-increased", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("min-length-decreased", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("max-length-decreased", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("max-length-increased", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("max-length-set", ChangeLevel.Warn, RequestPrefixes),
        new("request-read-only-property-max-length-decreased", ChangeLevel.Info),
        .. SiteIds.Each("min-length-decreased", ChangeLevel.Err, ResponsePrefixes),
        .. SiteIds.Each("max-length-increased", ChangeLevel.Err, ResponsePrefixes),
        .. SiteIds.Each("max-length-unset", ChangeLevel.Err, ResponsePrefixes),
        // Not in oasdiff: a first minimum length, the twin of max-length-set.
        .. SiteIds.Each("min-length-set", ChangeLevel.Warn, RequestPrefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        MinLength.Compare(pair, sink, _ids, pair.Base.MinLength, pair.Head.MinLength);
        MaxLength.Compare(pair, sink, _ids, pair.Base.MaxLength, pair.Head.MaxLength);
    }
}
