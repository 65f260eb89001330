using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Engine.Model;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Converts Microsoft.OpenApi schemas to <see cref="ApiSchema"/>. Named component schemas become table entries
/// and every use of them a reference: inlining them is exponential on real specs (Stripe).
/// </summary>
internal sealed class SchemaConverter(
    IDictionary<string, IOpenApiSchema>? components, DiagnosticSink diagnostics, OpenApiDocument? document = null, Swagger2ExternalRefs? externalRefs = null)
{
    /// <summary>Inline nesting is cut here: only a pathological document nests schemas this deep.</summary>
    public const int MaxInlineDepth = 32;

    private const string ComponentPrefix = "#/components/schemas/";

    public SchemaTable ConvertComponents(CancellationToken cancellationToken)
    {
        if (components is null || components.Count == 0) return SchemaTable.Empty;
        var table = new SortedDictionary<string, ApiSchema>(StringComparer.Ordinal);
        foreach (var (name, schema) in components)
        {
            cancellationToken.ThrowIfCancellationRequested();
            table[name] = Convert(schema);
        }
        return new SchemaTable(table);
    }

    public ApiSchema? ConvertOptional(IOpenApiSchema? schema) => schema is null ? null : Convert(schema);

    public ApiSchema Convert(IOpenApiSchema schema, int depth = 0)
    {
        if (schema is OpenApiSchemaReference reference) return ConvertReference(reference, depth);
        if (depth >= MaxInlineDepth)
        {
            diagnostics.Once(DiagnosticSeverity.Warning, $"inline schemas nest deeper than {MaxInlineDepth} levels; the rest is cut");
            return new ApiSchema();
        }
        var next = depth + 1;
        var type = schema.Type ?? 0;
        var exclusiveMinimum = Number(schema.ExclusiveMinimum);
        var exclusiveMaximum = Number(schema.ExclusiveMaximum);
        // JSON Schema 2020-12 keywords Microsoft.OpenApi 3.x models outside IOpenApiSchema, or only as raw JSON.
        var more = schema as IOpenApiSchemaMissingProperties;
        var unevaluatedItems = Raw(schema, "unevaluatedItems");
        return new ApiSchema
        {
            Types = TypeNames(type),
            Nullable = type.HasFlag(JsonSchemaType.Null),
            Format = schema.Format,
            Title = schema.Title,
            Properties = schema.Properties is { Count: > 0 } properties
                ? new SortedDictionary<string, ApiSchema>(properties.ToDictionary(p => p.Key, p => Convert(p.Value, next), StringComparer.Ordinal), StringComparer.Ordinal)
                : null,
            Required = schema.Required is { Count: > 0 } required ? [.. required.Order(StringComparer.Ordinal)] : null,
            Items = schema.Items is { } items ? Convert(items, next) : null,
            AdditionalProperties = schema.AdditionalProperties is { } extra ? Convert(extra, next) : null,
            // Microsoft.OpenApi cannot tell an explicit `true` from absence, so only `false` is kept.
            AdditionalPropertiesAllowed = schema.AdditionalPropertiesAllowed ? null : false,
            Enum = schema.Enum is { Count: > 0 } values ? [.. values.Select(JsonText)] : null,
            OneOf = List(schema.OneOf, next),
            AnyOf = List(schema.AnyOf, next),
            AllOf = List(schema.AllOf, next),
            Discriminator = schema.Discriminator?.PropertyName,
            // Microsoft.OpenApi reads OAS 3.0's boolean exclusive bounds into the 3.1 numeric form.
            Minimum = exclusiveMinimum ?? Number(schema.Minimum),
            Maximum = exclusiveMaximum ?? Number(schema.Maximum),
            ExclusiveMinimum = exclusiveMinimum is not null,
            ExclusiveMaximum = exclusiveMaximum is not null,
            MinLength = schema.MinLength,
            MaxLength = schema.MaxLength,
            MinItems = schema.MinItems,
            MaxItems = schema.MaxItems,
            Pattern = schema.Pattern,
            ReadOnly = schema.ReadOnly,
            WriteOnly = schema.WriteOnly,
            Deprecated = schema.Deprecated,
            Default = schema.Default is null ? null : JsonText(schema.Default),
            DiscriminatorMapping = schema.Discriminator?.Mapping is { Count: > 0 } mapping
                ? new SortedDictionary<string, string>(mapping.ToDictionary(m => m.Key, m => MappedName(m.Value), StringComparer.Ordinal), StringComparer.Ordinal)
                : null,
            ExtensibleEnum = ExtensionValues.Array(schema.Extensions, "x-extensible-enum") is { Count: > 0 } extensible ? [.. extensible.Select(JsonText)] : null,
            Const = ExtensionValues.Text(schema.Extensions, RawConsts.Extension) ?? (schema.Const is { } constant ? JsonValue.Create(constant).ToJsonString() : null),
            Not = Optional(schema.Not, next),
            If = Optional(more?.If, next),
            Then = Optional(more?.Then, next),
            Else = Optional(more?.Else, next),
            PrefixItems = Raw(schema, "prefixItems") is JsonArray { Count: > 0 } prefix ? [.. prefix.Select(p => Fragment(p, next))] : null,
            Contains = Optional(more?.Contains, next),
            MinContains = Count(more?.MinContains),
            MaxContains = Count(more?.MaxContains),
            PatternProperties = Map(schema.PatternProperties, next),
            DependentRequired = schema.DependentRequired is { Count: > 0 } dependent
                ? new SortedDictionary<string, IReadOnlyList<string>>(dependent.ToDictionary(d => d.Key, d => (IReadOnlyList<string>)[.. d.Value.Order(StringComparer.Ordinal)], StringComparer.Ordinal), StringComparer.Ordinal)
                : null,
            DependentSchemas = Map(more?.DependentSchemas, next),
            UnevaluatedProperties = Optional(more?.UnevaluatedPropertiesSchema, next),
            // Like additionalProperties, an explicit `true` cannot be told from absence; it means the same.
            UnevaluatedPropertiesAllowed = schema.UnevaluatedProperties || more?.UnevaluatedPropertiesSchema is not null ? null : false,
            UnevaluatedItems = unevaluatedItems is JsonObject ? Fragment(unevaluatedItems, next) : null,
            UnevaluatedItemsAllowed = unevaluatedItems is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.False ? false : null,
            ContentSchema = Optional(more?.ContentSchema, next),
            ContentMediaType = more?.ContentMediaType,
            ContentEncoding = more?.ContentEncoding,
            PropertyNames = Optional(more?.PropertyNames, next),
            Sunset = ExtensionValues.Text(schema.Extensions, "x-sunset"),
            Stability = ExtensionValues.Text(schema.Extensions, "x-stability-level"),
        };
    }

    private ApiSchema ConvertReference(OpenApiSchemaReference reference, int depth)
    {
        var pointer = reference.Reference.ReferenceV3;
        var name = pointer is not null && pointer.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            ? pointer[ComponentPrefix.Length..]
            : reference.Reference.Id ?? pointer ?? "";
        if (components?.ContainsKey(name) == true) return ApiSchema.Reference(name);
        if (!reference.UnresolvedReference && reference.Target is { } target)
            return Convert(target, depth + 1);
        var external = externalRefs ?? Swagger2ExternalRefs.None;
        diagnostics.Once(DiagnosticSeverity.Warning, $"unresolved schema reference '{external.Text(pointer ?? name)}'");
        return ApiSchema.Reference(external.Name(pointer ?? name) ?? name);
    }

    /// <summary>A keyword Microsoft.OpenApi does not model, as the JSON it was written as.</summary>
    private static JsonNode? Raw(IOpenApiSchema schema, string keyword) =>
        schema.UnrecognizedKeywords is { } raw && raw.TryGetValue(keyword, out var node) ? node : null;

    private static int? Count(uint? value) => value is { } count ? (int)Math.Min(count, int.MaxValue) : null;

    private ApiSchema? Optional(IOpenApiSchema? schema, int depth) => schema is null ? null : Convert(schema, depth);

    private SortedDictionary<string, ApiSchema>? Map(IDictionary<string, IOpenApiSchema>? schemas, int depth) =>
        schemas is { Count: > 0 }
            ? new SortedDictionary<string, ApiSchema>(schemas.ToDictionary(s => s.Key, s => Convert(s.Value, depth), StringComparer.Ordinal), StringComparer.Ordinal)
            : null;

    /// <summary>
    /// A subschema that Microsoft.OpenApi left as raw JSON (<c>prefixItems</c>, <c>unevaluatedItems</c>): read through the
    /// library in the document's context, references to component schemas kept as references.
    /// </summary>
    private ApiSchema Fragment(JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.False:
                return new ApiSchema { Not = new ApiSchema() };
            case JsonObject reference when reference["$ref"] is JsonValue pointer && pointer.GetValueKind() == JsonValueKind.String:
                var target = pointer.GetValue<string>();
                if (target.StartsWith(ComponentPrefix, StringComparison.Ordinal) && document is not null)
                    return ConvertReference(new OpenApiSchemaReference(target[ComponentPrefix.Length..], document), depth);
                diagnostics.Once(DiagnosticSeverity.Warning, $"unresolved schema reference '{target}'");
                return ApiSchema.Reference(target);
            case JsonObject schema when document is not null:
                var settings = new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetEmptyRuleSet(), LoadExternalRefs = false };
                var read = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(schema.DeepClone(), OpenApiSpecVersion.OpenApi3_1, document, out _, settings);
                return read is null ? new ApiSchema() : Convert(read, depth);
            default:
                return new ApiSchema();
        }
    }

    /// <summary>A mapping target by its component name, so it compares equal to the <see cref="ApiSchema.Ref"/> it selects.</summary>
    private static string MappedName(OpenApiSchemaReference target)
    {
        var pointer = target.Reference.ReferenceV3;
        return pointer is not null && pointer.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            ? pointer[ComponentPrefix.Length..]
            : target.Reference.Id ?? pointer ?? "";
    }

    private IReadOnlyList<ApiSchema>? List(IList<IOpenApiSchema>? schemas, int depth) =>
        schemas is { Count: > 0 } ? [.. schemas.Select(s => Convert(s, depth))] : null;

    private static IReadOnlyList<string>? TypeNames(JsonSchemaType type)
    {
        var names = new List<string>(1);
        if (type.HasFlag(JsonSchemaType.Array)) names.Add("array");
        if (type.HasFlag(JsonSchemaType.Boolean)) names.Add("boolean");
        if (type.HasFlag(JsonSchemaType.Integer)) names.Add("integer");
        if (type.HasFlag(JsonSchemaType.Number)) names.Add("number");
        if (type.HasFlag(JsonSchemaType.Object)) names.Add("object");
        if (type.HasFlag(JsonSchemaType.String)) names.Add("string");
        return names.Count == 0 ? null : names;
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Microsoft.OpenApi stands a sentinel string in for JSON null in enums and defaults.</summary>
    private static string JsonText(JsonNode? node) =>
        node is null || JsonNullSentinel.IsJsonNullSentinel(node) ? "null" : node.ToJsonString();
}
