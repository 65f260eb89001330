using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>patternProperties</c> constrains the properties whose names match an expression: a new pattern narrows, a removed
/// one widens. A pattern present on both sides is walked like a property.
/// </summary>
public sealed class PatternPropertiesChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("pattern-property-added"),
        .. KeywordIds.Widening("pattern-property-removed"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        // Most schemas have none of these keywords: no site name is built for them.
        if (pair.Base.PatternProperties is null && pair.Head.PatternProperties is null) return;
        var before = pair.Base.PatternProperties ?? Empty;
        var after = pair.Head.PatternProperties ?? Empty;
        var where = pair.Site.Location;
        foreach (var (pattern, schema) in after.Where(p => !before.ContainsKey(p.Key)))
            Catalog.Report(pair, sink, "pattern-property-added", $"properties of {where} matching '{pattern}' are now constrained", null, pattern + ": " + SchemaText.Of(schema));
        foreach (var (pattern, schema) in before.Where(p => !after.ContainsKey(p.Key)))
            Catalog.Report(pair, sink, "pattern-property-removed", $"properties of {where} matching '{pattern}' are no longer constrained", pattern + ": " + SchemaText.Of(schema), null);
    }

    private static readonly IReadOnlyDictionary<string, ApiSchema> Empty = new Dictionary<string, ApiSchema>();
}
