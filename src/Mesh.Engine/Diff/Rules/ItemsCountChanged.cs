namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An array's minimum or maximum number of items changed. More required or fewer allowed request items reject arrays
/// clients sent; fewer guaranteed or more possible response items may surprise readers.
/// </summary>
public sealed class ItemsCountChanged : ISchemaRule
{
    private static readonly Limits MinItems = new("min-items", "minimum item count", Lower: true);
    private static readonly Limits MaxItems = new("max-items", "maximum item count", Lower: false);

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("min-items-increased", ChangeLevel.Err, "request-body", "request-property", "request-parameter"),
        .. SiteIds.Each("min-items-set", ChangeLevel.Warn, "request-body", "request-property", "request-parameter"),
        new("request-parameter-min-items-decreased", ChangeLevel.Info),
        new("request-parameter-max-items-decreased", ChangeLevel.Err),
        new("request-parameter-max-items-increased", ChangeLevel.Info),
        .. SiteIds.Each("min-items-decreased", ChangeLevel.Err, "response-body", "response-property"),
        .. SiteIds.Each("min-items-unset", ChangeLevel.Err, "response-body", "response-property"),
        // Not in oasdiff: maximum item counts of bodies and properties, read as their minimum twins are.
        .. SiteIds.Each("max-items-decreased", ChangeLevel.Err, "request-body", "request-property"),
        .. SiteIds.Each("max-items-increased", ChangeLevel.Info, "request-body", "request-property"),
        .. SiteIds.Each("max-items-set", ChangeLevel.Warn, "request-body", "request-property", "request-parameter"),
        .. SiteIds.Each("max-items-increased", ChangeLevel.Err, "response-body", "response-property"),
        .. SiteIds.Each("max-items-unset", ChangeLevel.Err, "response-body", "response-property"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        MinItems.Compare(pair, sink, _ids, pair.Base.MinItems, pair.Head.MinItems);
        MaxItems.Compare(pair, sink, _ids, pair.Base.MaxItems, pair.Head.MaxItems);
    }
}
