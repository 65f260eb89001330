using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>not</c> refuses the values its subschema matches: a new one narrows, a removed one widens. Inside it every change
/// reads backwards (widening the subschema narrows the parent), so it is compared whole, not walked.
/// </summary>
public sealed class NotSubschemaChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("not-added"),
        .. KeywordIds.Widening("not-removed"),
        .. KeywordIds.Either("not-changed", ChangeLevel.Warn),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.Not is null && pair.Head.Not is null) return;
        var (before, after) = (pair.Base.Not, pair.Head.Not);
        var where = pair.Site.Location;
        if (before is null && after is not null)
            Catalog.Report(pair, sink, "not-added", $"{where} now refuses values matching {SchemaText.Of(after)}", null, SchemaText.Of(after));
        else if (before is not null && after is null)
            Catalog.Report(pair, sink, "not-removed", $"{where} no longer refuses values matching {SchemaText.Of(before)}", SchemaText.Of(before), null);
        else if (before is not null && !SchemaText.Same(before, after))
            Catalog.Report(pair, sink, "not-changed", $"the values {where} refuses changed", SchemaText.Of(before), SchemaText.Of(after));
    }
}
