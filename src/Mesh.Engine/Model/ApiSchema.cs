using System.Text.Json.Serialization;

namespace Mesh.Engine.Model;

/// <summary>
/// The one schema representation for every source (OpenAPI, C#, Python, TypeScript): a JSON-Schema subset.
/// A named schema is stored once in its surface's schema table and referenced here by <see cref="Ref"/>;
/// readers resolve it with <see cref="SchemaTable"/>. Inlining every reference is exponential on real specs.
/// </summary>
public sealed record ApiSchema
{
    /// <summary>Name of a schema in the surface's schema table; when set, the other members are empty.</summary>
    public string? Ref { get; init; }
    /// <summary>JSON types (<c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>), sorted; empty means any.</summary>
    public IReadOnlyList<string>? Types { get; init; }
    public string? Format { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Nullable { get; init; }
    public string? Title { get; init; }
    public IReadOnlyDictionary<string, ApiSchema>? Properties { get; init; }
    public IReadOnlyList<string>? Required { get; init; }
    public ApiSchema? Items { get; init; }
    /// <summary>Schema of extra properties; see <see cref="AdditionalPropertiesAllowed"/> for the boolean form.</summary>
    public ApiSchema? AdditionalProperties { get; init; }
    public bool? AdditionalPropertiesAllowed { get; init; }
    /// <summary>Enum values as JSON text (<c>"a"</c>, <c>1</c>, <c>null</c>), in declared order.</summary>
    public IReadOnlyList<string>? Enum { get; init; }
    public IReadOnlyList<ApiSchema>? OneOf { get; init; }
    public IReadOnlyList<ApiSchema>? AnyOf { get; init; }
    public IReadOnlyList<ApiSchema>? AllOf { get; init; }
    public string? Discriminator { get; init; }
    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ExclusiveMinimum { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ExclusiveMaximum { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    public string? Pattern { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnly { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool WriteOnly { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deprecated { get; init; }
    /// <summary>The default value as JSON text.</summary>
    public string? Default { get; init; }
    /// <summary>Discriminator values and the schema each selects (a schema table name, or the reference as written).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? DiscriminatorMapping { get; init; }
    /// <summary>Values of <c>x-extensible-enum</c> as JSON text: an enum that may grow, so readers must accept unknown values.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ExtensibleEnum { get; init; }

    // JSON Schema 2020-12 keywords (OpenAPI 3.1). Absent on most schemas, so null ones are never written:
    // stored facts and serialized surfaces stay the size they were before these members existed.

    /// <summary>The only value allowed, as JSON text (<c>"a"</c>, <c>1</c>, <c>null</c>, <c>{"k":[1]}</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Const { get; init; }
    /// <summary>Values matching this schema are refused.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? Not { get; init; }
    /// <summary>A condition: values matching <see cref="If"/> must match <see cref="Then"/>, the others <see cref="Else"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? If { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? Then { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? Else { get; init; }
    /// <summary>Schemas of an array's first items, by position (a tuple); <see cref="Items"/> then applies to the rest.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ApiSchema>? PrefixItems { get; init; }
    /// <summary>An array must hold between <see cref="MinContains"/> (default 1) and <see cref="MaxContains"/> items matching this.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? Contains { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinContains { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxContains { get; init; }
    /// <summary>Schemas of properties whose names match a regular expression, keyed by the expression.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, ApiSchema>? PatternProperties { get; init; }
    /// <summary>When the key property is present, these properties are required too (sorted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? DependentRequired { get; init; }
    /// <summary>When the key property is present, the whole object must match the schema too.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, ApiSchema>? DependentSchemas { get; init; }
    /// <summary>Schema of properties no other keyword evaluated; see <see cref="UnevaluatedPropertiesAllowed"/> for the boolean form.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? UnevaluatedProperties { get; init; }
    /// <summary><c>false</c> when unevaluated properties are refused; null otherwise (as for <see cref="AdditionalPropertiesAllowed"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? UnevaluatedPropertiesAllowed { get; init; }
    /// <summary>Schema of array items no other keyword evaluated; see <see cref="UnevaluatedItemsAllowed"/> for the boolean form.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? UnevaluatedItems { get; init; }
    /// <summary><c>false</c> when unevaluated items are refused; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? UnevaluatedItemsAllowed { get; init; }
    /// <summary>For a string holding an encoded document: the document's schema, media type and encoding (e.g. <c>base64</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? ContentSchema { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentMediaType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentEncoding { get; init; }
    /// <summary>The schema every property name of an object must match (JSON Schema <c>propertyNames</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiSchema? PropertyNames { get; init; }
    /// <summary>The day a deprecated property goes away (<c>x-sunset</c> on the schema), as written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sunset { get; init; }
    /// <summary>The property's declared stability (<c>x-stability-level</c> on the schema), as written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stability { get; init; }

    public static ApiSchema Reference(string name) => new() { Ref = name };

    /// <summary>Every schema directly inside this one, under any keyword (a test holds this list to the record's members).</summary>
    public IEnumerable<ApiSchema> Subschemas()
    {
        foreach (var child in (ApiSchema?[])[Items, AdditionalProperties, Not, If, Then, Else, Contains, UnevaluatedProperties, UnevaluatedItems, ContentSchema, PropertyNames])
            if (child is not null) yield return child;
        foreach (var list in (IReadOnlyList<ApiSchema>?[])[OneOf, AnyOf, AllOf, PrefixItems])
            foreach (var child in list ?? [])
                yield return child;
        foreach (var map in (IReadOnlyDictionary<string, ApiSchema>?[])[Properties, PatternProperties, DependentSchemas])
            foreach (var child in map?.Values ?? [])
                yield return child;
    }

    [JsonIgnore]
    public bool IsReference => Ref is not null;
}

/// <summary>Named schemas of one source document (or one repo's code), keyed by name.</summary>
public sealed record SchemaTable(IReadOnlyDictionary<string, ApiSchema> Schemas)
{
    public static readonly SchemaTable Empty = new(new SortedDictionary<string, ApiSchema>(StringComparer.Ordinal));

    /// <summary>Follows references (at most <paramref name="maxHops"/>, so a cycle of bare references ends).</summary>
    public ApiSchema? Resolve(ApiSchema? schema, int maxHops = 32)
    {
        for (var hop = 0; schema?.Ref is { } name && hop < maxHops; hop++)
            schema = Schemas.TryGetValue(name, out var target) ? target : null;
        return schema is { IsReference: true } ? null : schema;
    }
}
