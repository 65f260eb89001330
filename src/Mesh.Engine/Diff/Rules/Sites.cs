using System.Globalization;
using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>How schema rules name a site to readers, and the sites of an object's members.</summary>
internal static class Sites
{
    /// <summary>What a reader sees: <c>request body property 'items[].qty'</c>, <c>query parameter 'limit'</c>, <c>response 200 body</c>.</summary>
    public static string Describe(SchemaSite site)
    {
        var root = site.Part is SchemaPart.Parameter or SchemaPart.ParameterProperty or SchemaPart.HeaderProperty
            && site.ParameterIn is { } where && site.ParameterName is { } name
                ? $"{where} parameter '{name}'"
                : site.Root;
        if (site.PropertyPath is not { } path) return root;
        // Composed parts start with '/' in locations ("/allOf[Pet].name"); readers need no slash.
        path = path.TrimStart('/');
        if (site.PropertyName is not null) return $"{root} property '{path}'";
        return path == "[]" ? $"{root} items" : $"{root} at '{path}'";
    }

    /// <summary>The site of property <paramref name="name"/> of the object at <paramref name="site"/> (as the walker names it).</summary>
    public static SchemaSite PropertyOf(SchemaSite site, string name)
    {
        var part = site.Part switch
        {
            SchemaPart.Body or SchemaPart.Property => SchemaPart.Property,
            SchemaPart.HeaderProperty => SchemaPart.HeaderProperty,
            _ when site.ParameterIn == "header" => SchemaPart.HeaderProperty,
            _ => SchemaPart.ParameterProperty,
        };
        var path = site.PropertyPath is null ? name : $"{site.PropertyPath}.{name}";
        return site with { Part = part, PropertyName = name, PropertyPath = path };
    }

    public static bool IsRequest(SchemaSite site) => site.Direction == Direction.Request;

    /// <summary>True at an object property (not the body or parameter itself, nor array items of either).</summary>
    public static bool IsNamedProperty(SchemaSite site) => site.IsProperty && site.PropertyName is not null;

    /// <summary>A decimal as users write it: <c>10</c>, not <c>10.0</c>.</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>The members of both sides with each side's schema (null where absent); the differ sorts what rules report.</summary>
    public static IEnumerable<(string Name, ApiSchema? Base, ApiSchema? Head)> Members(ApiSchema before, ApiSchema after)
    {
        foreach (var (name, schema) in before.Properties ?? NoProperties)
            yield return (name, schema, after.Properties?.GetValueOrDefault(name));
        foreach (var (name, schema) in after.Properties ?? NoProperties)
            if (before.Properties?.ContainsKey(name) != true)
                yield return (name, null, schema);
    }

    private static readonly IReadOnlyDictionary<string, ApiSchema> NoProperties = new Dictionary<string, ApiSchema>();

    public static bool Requires(ApiSchema schema, string name) => schema.Required?.Contains(name) == true;
}
