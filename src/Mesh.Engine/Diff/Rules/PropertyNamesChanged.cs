using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An object gained or lost a <c>propertyNames</c> schema. Gaining one refuses request objects with other keys;
/// losing one lets a response carry keys readers did not expect. A change inside it is compared as a schema.
/// </summary>
public sealed class PropertyNamesChanged : ISchemaRule
{
    private static readonly string[] RequestPrefixes = ["request-body", "request-property"];
    private static readonly string[] ResponsePrefixes = ["response-body", "response-property"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("property-names-added", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("property-names-removed", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("property-names-added", ChangeLevel.Info, ResponsePrefixes),
        .. SiteIds.Each("property-names-removed", ChangeLevel.Err, ResponsePrefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base.PropertyNames, pair.Head.PropertyNames);
        if ((before is null) == (after is null)) return;
        var suffix = after is not null ? "property-names-added" : "property-names-removed";
        if (_ids.For(pair.Site, suffix) is not { } id) return;
        var what = Sites.Describe(pair.Site);
        if (after is not null)
            sink.Report(id, pair, $"{what} now restricts its property names", after: SchemaText.Of(after));
        else
            sink.Report(id, pair, $"{what} no longer restricts its property names", SchemaText.Of(before!));
    }
}
