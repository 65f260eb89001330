using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>unevaluatedProperties</c> and <c>unevaluatedItems</c> constrain the members no other keyword looked at, with a
/// schema or with <c>false</c> (refuse them all). A new constraint narrows, a removed one widens; a schema that became
/// <c>false</c> narrows too, and the reverse widens. A schema present on both sides is walked like any subschema.
/// </summary>
public sealed class UnevaluatedMembersChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("unevaluated-properties-added"),
        .. KeywordIds.Widening("unevaluated-properties-removed"),
        .. KeywordIds.Narrowing("unevaluated-items-added"),
        .. KeywordIds.Widening("unevaluated-items-removed"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        Compare(pair, sink, "properties", "property", Of(before.UnevaluatedProperties, before.UnevaluatedPropertiesAllowed), Of(after.UnevaluatedProperties, after.UnevaluatedPropertiesAllowed));
        Compare(pair, sink, "items", "item", Of(before.UnevaluatedItems, before.UnevaluatedItemsAllowed), Of(after.UnevaluatedItems, after.UnevaluatedItemsAllowed));
    }

    /// <summary>The constraint as text: null when absent, <c>false</c> when every unevaluated member is refused.</summary>
    private static string? Of(ApiSchema? schema, bool? allowed) => allowed == false ? "false" : schema is null ? null : SchemaText.Of(schema);

    private static void Compare(SchemaPair pair, ChangeSink sink, string members, string member, string? before, string? after)
    {
        if (before == after) return;
        var where = pair.Site.Location;
        var keyword = $"unevaluated{char.ToUpperInvariant(members[0])}{members[1..]}";
        if (before is null)
            Catalog.Report(pair, sink, $"unevaluated-{members}-added", $"{where} gained '{keyword}': {after}", null, after);
        else if (after is null)
            Catalog.Report(pair, sink, $"unevaluated-{members}-removed", $"{where} lost '{keyword}': {before}", before, null);
        else if (after == "false")
            Catalog.Report(pair, sink, $"unevaluated-{members}-added", $"{where} now refuses every unevaluated {member} ('{keyword}' was {before})", before, after);
        else if (before == "false")
            Catalog.Report(pair, sink, $"unevaluated-{members}-removed", $"{where} no longer refuses unevaluated {members}: '{keyword}' is now {after}", before, after);
    }
}
