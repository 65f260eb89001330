namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>prefixItems</c> gives an array's first items their own schemas; <c>items</c> constrains only the items after them.
/// Levels follow the reference catalog: more prefix positions free those positions from <c>items</c> (widening), fewer
/// put them under <c>items</c> again (narrowing). Positions present on both sides are walked like any subschema.
/// </summary>
public sealed class PrefixItemsChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Widening("prefix-items-added"),
        .. KeywordIds.Narrowing("prefix-items-removed"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var before = pair.Base.PrefixItems?.Count ?? 0;
        var after = pair.Head.PrefixItems?.Count ?? 0;
        if (before == after) return;
        var where = pair.Site.Location;
        if (after > before)
            Catalog.Report(pair, sink, "prefix-items-added", before == 0
                ? $"{where} gained tuple schemas for its first {after} item(s)"
                : $"{where} gained tuple schemas for {Positions(before, after - 1)}", Count(before), Count(after));
        else
            Catalog.Report(pair, sink, "prefix-items-removed", after == 0
                ? $"{where} lost the tuple schemas of its first {before} item(s)"
                : $"{where} lost the tuple schemas of {Positions(after, before - 1)}", Count(before), Count(after));
    }

    private static string Positions(int first, int last) => first == last ? $"item {Count(first)}" : $"items {Count(first)}..{Count(last)}";

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
