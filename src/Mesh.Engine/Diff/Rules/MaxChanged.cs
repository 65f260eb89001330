namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A number's maximum (or exclusive maximum) was lowered, raised, set or removed. Lowering a request maximum rejects
/// values clients sent; raising a response maximum may hand readers values they never saw.
/// </summary>
public sealed class MaxChanged : ISchemaRule
{
    private static readonly string[] RequestPrefixes = ["request-body", "request-property", "request-parameter"];
    private static readonly string[] ResponsePrefixes = ["response-body", "response-property"];

    private static readonly Limits Maximum = new("max", "maximum", Lower: false);
    private static readonly Limits ExclusiveMaximum = new("exclusive-max", "exclusive maximum", Lower: false);

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("max-decreased", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("max-increased", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("max-set", ChangeLevel.Warn, RequestPrefixes),
        .. SiteIds.Each("exclusive-max-decreased", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("exclusive-max-increased", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("exclusive-max-set", ChangeLevel.Warn, RequestPrefixes),
        new("request-read-only-property-max-decreased", ChangeLevel.Info),
        new("request-read-only-property-exclusive-max-decreased", ChangeLevel.Info),
        .. SiteIds.Each("max-increased", ChangeLevel.Err, ResponsePrefixes),
        .. SiteIds.Each("exclusive-max-increased", ChangeLevel.Err, ResponsePrefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        var limit = (after.Maximum is null ? before.ExclusiveMaximum : after.ExclusiveMaximum) ? ExclusiveMaximum : Maximum;
        limit.Compare(pair, sink, _ids, before.Maximum, after.Maximum, before.ExclusiveMaximum, after.ExclusiveMaximum);
    }
}
