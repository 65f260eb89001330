namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>contains</c> requires an array to hold between <c>minContains</c> (1 unless written) and <c>maxContains</c> (no
/// limit unless written) items matching a schema. A new requirement or a tighter count narrows; the reverse widens.
/// The <c>contains</c> schema present on both sides is walked like any subschema.
/// </summary>
public sealed class ContainsChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("contains-added"),
        .. KeywordIds.Widening("contains-removed"),
        .. KeywordIds.Narrowing("min-contains-increased"),
        .. KeywordIds.Widening("min-contains-decreased"),
        .. KeywordIds.Narrowing("max-contains-decreased"),
        .. KeywordIds.Widening("max-contains-increased"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.Contains is null && pair.Head.Contains is null && pair.Base.MinContains == pair.Head.MinContains && pair.Base.MaxContains == pair.Head.MaxContains) return;
        var (before, after) = (pair.Base, pair.Head);
        var where = pair.Site.Location;
        if (before.Contains is null && after.Contains is not null)
        {
            Catalog.Report(pair, sink, "contains-added", $"{where} must now contain an item matching {SchemaText.Of(after.Contains)}", null, SchemaText.Of(after.Contains));
            return;
        }
        if (before.Contains is not null && after.Contains is null)
        {
            Catalog.Report(pair, sink, "contains-removed", $"{where} no longer must contain an item matching {SchemaText.Of(before.Contains)}", SchemaText.Of(before.Contains), null);
            return;
        }
        // Without contains, minContains and maxContains have no effect.
        if (before.Contains is null) return;

        var (minBefore, minAfter) = (before.MinContains ?? 1, after.MinContains ?? 1);
        if (minAfter > minBefore)
            Catalog.Report(pair, sink, "min-contains-increased", $"minContains of {where} rose from {minBefore} to {minAfter}", Text(minBefore), Text(minAfter));
        else if (minAfter < minBefore)
            Catalog.Report(pair, sink, "min-contains-decreased", $"minContains of {where} fell from {minBefore} to {minAfter}", Text(minBefore), Text(minAfter));

        var (maxBefore, maxAfter) = (before.MaxContains ?? int.MaxValue, after.MaxContains ?? int.MaxValue);
        if (maxAfter < maxBefore)
            Catalog.Report(pair, sink, "max-contains-decreased", $"maxContains of {where} fell from {Text(maxBefore)} to {Text(maxAfter)}", Text(maxBefore), Text(maxAfter));
        else if (maxAfter > maxBefore)
            Catalog.Report(pair, sink, "max-contains-increased", $"maxContains of {where} rose from {Text(maxBefore)} to {Text(maxAfter)}", Text(maxBefore), Text(maxAfter));
    }

    private static string Text(int count) =>
        count == int.MaxValue ? "no limit" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
