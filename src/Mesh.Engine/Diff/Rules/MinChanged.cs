namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A number's minimum (or exclusive minimum) was raised, lowered, set or removed. Raising a request minimum rejects
/// values clients sent; lowering a response minimum may hand readers values they never saw.
/// </summary>
public sealed class MinChanged : ISchemaRule
{
    private static readonly string[] RequestPrefixes = ["request-body", "request-property", "request-parameter"];
    private static readonly string[] ResponsePrefixes = ["response-body", "response-property"];

    private static readonly Limits Minimum = new("min", "minimum", Lower: true);
    private static readonly Limits ExclusiveMinimum = new("exclusive-min", "exclusive minimum", Lower: true);

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("min-increased", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("min-decreased", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("min-set", ChangeLevel.Warn, RequestPrefixes),
        .. SiteIds.Each("exclusive-min-increased", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("exclusive-min-decreased", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("exclusive-min-set", ChangeLevel.Warn, RequestPrefixes),
        new("request-read-only-property-min-increased", ChangeLevel.Info),
        new("request-read-only-property-exclusive-min-increased", ChangeLevel.Info),
        .. SiteIds.Each("min-decreased", ChangeLevel.Err, ResponsePrefixes),
        .. SiteIds.Each("exclusive-min-decreased", ChangeLevel.Err, ResponsePrefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        var limit = (after.Minimum is null ? before.ExclusiveMinimum : after.ExclusiveMinimum) ? ExclusiveMinimum : Minimum;
        limit.Compare(pair, sink, _ids, before.Minimum, after.Minimum, before.ExclusiveMinimum, after.ExclusiveMinimum);
    }
}
