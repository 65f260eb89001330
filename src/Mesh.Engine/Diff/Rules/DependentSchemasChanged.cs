using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>dependentSchemas</c>: when a property is present, the object must also match a schema. A new dependency narrows,
/// a removed one widens; one present on both sides is walked like any subschema.
/// </summary>
public sealed class DependentSchemasChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("dependent-schema-added"),
        .. KeywordIds.Widening("dependent-schema-removed"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.DependentSchemas is null && pair.Head.DependentSchemas is null) return;
        var before = pair.Base.DependentSchemas ?? Empty;
        var after = pair.Head.DependentSchemas ?? Empty;
        var where = pair.Site.Location;
        foreach (var (property, schema) in after.Where(d => !before.ContainsKey(d.Key)))
            Catalog.Report(pair, sink, "dependent-schema-added", $"when '{property}' is set in {where}, the object must now also match {SchemaText.Of(schema)}", null, SchemaText.Of(schema));
        foreach (var (property, schema) in before.Where(d => !after.ContainsKey(d.Key)))
            Catalog.Report(pair, sink, "dependent-schema-removed", $"when '{property}' is set in {where}, the object no longer must match {SchemaText.Of(schema)}", SchemaText.Of(schema), null);
    }

    private static readonly IReadOnlyDictionary<string, ApiSchema> Empty = new Dictionary<string, ApiSchema>();
}
