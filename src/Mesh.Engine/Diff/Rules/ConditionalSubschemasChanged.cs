using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>if</c>/<c>then</c>/<c>else</c>: a new branch constrains values, a removed one frees them. A changed condition moves
/// which values each branch constrains, so it may break either side (<c>then</c> and <c>else</c> present on both sides
/// are walked like any subschema).
/// </summary>
public sealed class ConditionalSubschemasChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("if-added"),
        .. KeywordIds.Widening("if-removed"),
        .. KeywordIds.Either("if-changed", ChangeLevel.Warn),
        .. KeywordIds.Narrowing("then-added"),
        .. KeywordIds.Widening("then-removed"),
        .. KeywordIds.Narrowing("else-added"),
        .. KeywordIds.Widening("else-removed"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        Presence(pair, sink, "if", before.If, after.If);
        Presence(pair, sink, "then", before.Then, after.Then);
        Presence(pair, sink, "else", before.Else, after.Else);
        if (before.If is not null && after.If is not null && !SchemaText.Same(before.If, after.If))
            Catalog.Report(pair, sink, "if-changed", $"the 'if' condition of {pair.Site.Location} changed",
                SchemaText.Of(before.If), SchemaText.Of(after.If));
    }

    private static void Presence(SchemaPair pair, ChangeSink sink, string keyword, ApiSchema? before, ApiSchema? after)
    {
        if (before is null && after is not null)
            Catalog.Report(pair, sink, $"{keyword}-added", $"{pair.Site.Location} gained an '{keyword}' subschema", null, SchemaText.Of(after));
        else if (before is not null && after is null)
            Catalog.Report(pair, sink, $"{keyword}-removed", $"{pair.Site.Location} lost its '{keyword}' subschema", SchemaText.Of(before), null);
    }
}
