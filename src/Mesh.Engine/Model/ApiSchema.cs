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
    /// <summary>The one value allowed (<c>const</c>), as written.</summary>
    public string? Const { get; init; }
    /// <summary>Discriminator values and the schema each selects (a schema table name, or the reference as written).</summary>
    public IReadOnlyDictionary<string, string>? DiscriminatorMapping { get; init; }
    /// <summary>Values of <c>x-extensible-enum</c> as JSON text: an enum that may grow, so readers must accept unknown values.</summary>
    public IReadOnlyList<string>? ExtensibleEnum { get; init; }
    /// <summary>A schema the value must not match (<c>not</c>).</summary>
    public ApiSchema? Not { get; init; }

    public static ApiSchema Reference(string name) => new() { Ref = name };

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
