using System.Text.Json;
using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// C# types as JSON schemas, the way System.Text.Json serializes them with ASP.NET Core's defaults (camelCase,
/// <c>[JsonPropertyName]</c>, <c>[JsonIgnore]</c>). Named types become references resolved against the repo's type
/// table; generic types keep their arguments in the name (<c>PaginatedItems&lt;CatalogItem&gt;</c>) for the resolver to instantiate.
/// </summary>
public static class TypeSchemas
{
    private static readonly Dictionary<string, ApiSchema> Primitives = new(StringComparer.Ordinal)
    {
        ["string"] = Of("string"), ["String"] = Of("string"), ["char"] = Of("string"), ["Char"] = Of("string"),
        ["Guid"] = Of("string", "uuid"), ["DateTime"] = Of("string", "date-time"), ["DateTimeOffset"] = Of("string", "date-time"),
        ["DateOnly"] = Of("string", "date"), ["TimeOnly"] = Of("string", "time"), ["TimeSpan"] = Of("string", "duration"),
        ["Uri"] = Of("string", "uri"), ["IFormFile"] = Of("string", "binary"), ["Stream"] = Of("string", "binary"), ["byte[]"] = Of("string", "byte"),
        ["int"] = Of("integer", "int32"), ["Int32"] = Of("integer", "int32"), ["uint"] = Of("integer", "int32"), ["short"] = Of("integer", "int32"),
        ["ushort"] = Of("integer", "int32"), ["byte"] = Of("integer", "int32"), ["sbyte"] = Of("integer", "int32"), ["Int16"] = Of("integer", "int32"),
        ["long"] = Of("integer", "int64"), ["Int64"] = Of("integer", "int64"), ["ulong"] = Of("integer", "int64"), ["UInt64"] = Of("integer", "int64"),
        ["float"] = Of("number", "float"), ["Single"] = Of("number", "float"), ["double"] = Of("number", "double"), ["Double"] = Of("number", "double"),
        ["decimal"] = Of("number", "double"), ["Decimal"] = Of("number", "double"),
        ["bool"] = Of("boolean"), ["Boolean"] = Of("boolean"),
        ["object"] = new ApiSchema(), ["Object"] = new ApiSchema(), ["dynamic"] = new ApiSchema(), ["JsonElement"] = new ApiSchema(),
        ["JsonNode"] = new ApiSchema(), ["JsonObject"] = Of("object"), ["JsonDocument"] = new ApiSchema(),
    };

    /// <summary>Value types that cannot be null unless written with <c>?</c>; a property of such a type is always sent.</summary>
    private static readonly HashSet<string> ValueTypes = new(StringComparer.Ordinal)
    {
        "int", "Int32", "uint", "short", "ushort", "byte", "sbyte", "Int16", "long", "Int64", "ulong", "UInt64", "float", "Single",
        "double", "Double", "decimal", "Decimal", "bool", "Boolean", "char", "Char", "Guid", "DateTime", "DateTimeOffset",
        "DateOnly", "TimeOnly", "TimeSpan",
    };

    private static readonly HashSet<string> Sequences = new(StringComparer.Ordinal)
    {
        "List", "IList", "IEnumerable", "ICollection", "IReadOnlyList", "IReadOnlyCollection", "HashSet", "ISet", "IReadOnlySet",
        "ImmutableArray", "ImmutableList", "Collection", "ReadOnlyCollection", "IAsyncEnumerable", "SortedSet", "Queue", "Stack", "LinkedList",
    };

    private static readonly HashSet<string> Maps = new(StringComparer.Ordinal)
    {
        "Dictionary", "IDictionary", "IReadOnlyDictionary", "SortedDictionary", "ImmutableDictionary", "ConcurrentDictionary",
    };

    private static ApiSchema Of(string type, string? format = null) => new() { Types = [type], Format = format };

    /// <summary>The schema of a type as written. Unknown names become references (declared in this or another file).</summary>
    public static ApiSchema FromType(TypeSyntax type)
    {
        switch (type)
        {
            case NullableTypeSyntax nullable:
                return FromType(nullable.ElementType) with { Nullable = true };
            case ArrayTypeSyntax array when array.ElementType.ToString() == "byte":
                return Primitives["byte[]"];
            case ArrayTypeSyntax array:
                return new ApiSchema { Types = ["array"], Items = FromType(array.ElementType) };
            case PredefinedTypeSyntax predefined:
                return Primitives.GetValueOrDefault(predefined.Keyword.ValueText) ?? new ApiSchema();
            case QualifiedNameSyntax qualified:
                return FromType(qualified.Right);
            case AliasQualifiedNameSyntax alias:
                return FromType(alias.Name);
            case GenericNameSyntax generic:
                return FromGeneric(generic);
            case IdentifierNameSyntax identifier:
                var name = identifier.Identifier.ValueText;
                return Primitives.TryGetValue(name, out var primitive) ? primitive : ApiSchema.Reference(name);
            case TupleTypeSyntax:
                return new ApiSchema { Types = ["object"] };
            default:
                return new ApiSchema();
        }
    }

    private static ApiSchema FromGeneric(GenericNameSyntax generic)
    {
        var name = generic.Identifier.ValueText;
        var args = generic.TypeArgumentList.Arguments;
        if (name == "Nullable" && args.Count == 1) return FromType(args[0]) with { Nullable = true };
        if (Sequences.Contains(name) && args.Count == 1) return new ApiSchema { Types = ["array"], Items = FromType(args[0]) };
        if (Maps.Contains(name) && args.Count == 2) return new ApiSchema { Types = ["object"], AdditionalProperties = FromType(args[1]) };
        return ApiSchema.Reference(GenericName(generic));
    }

    /// <summary><c>PaginatedItems&lt;CatalogItem&gt;</c>, with arguments written by their simple names.</summary>
    public static string GenericName(GenericNameSyntax generic) =>
        $"{generic.Identifier.ValueText}<{string.Join(",", generic.TypeArgumentList.Arguments.Select(SimpleName))}>";

    public static string SimpleName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax q => SimpleName(q.Right),
        GenericNameSyntax g => GenericName(g),
        NullableTypeSyntax n => SimpleName(n.ElementType) + "?",
        ArrayTypeSyntax a => SimpleName(a.ElementType) + "[]",
        _ => type.ToString(),
    };

    public static bool IsValueType(TypeSyntax type) => type is PredefinedTypeSyntax or IdentifierNameSyntax && ValueTypes.Contains(type.ToString());

    /// <summary>Named schemas for the data types a file declares: records, classes and structs with public data, and enums.</summary>
    public static IEnumerable<(string Name, ApiSchema Schema)> Declarations(IEnumerable<BaseTypeDeclarationSyntax> types)
    {
        foreach (var declaration in types)
        {
            switch (declaration)
            {
                case EnumDeclarationSyntax e:
                    yield return (e.Identifier.ValueText, new ApiSchema { Types = ["string"], Enum = e.Members.Select(m => JsonSerializer.Serialize(m.Identifier.ValueText)).ToList() });
                    break;
                case TypeDeclarationSyntax type when type is not InterfaceDeclarationSyntax && IsData(type):
                    var name = type.TypeParameterList is { } parameters
                        ? $"{type.Identifier.ValueText}<{string.Join(",", parameters.Parameters.Select(p => p.Identifier.ValueText))}>"
                        : type.Identifier.ValueText;
                    yield return (name, ObjectSchema(type));
                    break;
            }
        }
    }

    private static readonly string[] NotData = ["Controller", "ControllerBase", "DbContext", "Hub", "BackgroundService", "Exception", "Attribute"];

    private static bool IsData(TypeDeclarationSyntax type)
    {
        if (type.BaseList?.Types.Any(b => NotData.Any(n => SimpleName(b.Type).EndsWith(n, StringComparison.Ordinal))) == true) return false;
        if (type.Modifiers.Any(SyntaxKind.StaticKeyword)) return false;
        return type is RecordDeclarationSyntax { ParameterList: { } positional } && positional.Parameters.Any(Serialized)
            || type.Members.OfType<PropertyDeclarationSyntax>().Any(Serialized);
    }

    private static bool Serialized(ParameterSyntax parameter) => parameter.Type is not null && !IsIgnored(parameter.AttributeLists);

    private static bool Serialized(PropertyDeclarationSyntax property) =>
        property.Modifiers.Any(SyntaxKind.PublicKeyword) && !property.Modifiers.Any(SyntaxKind.StaticKeyword) && !IsIgnored(property.AttributeLists);

    private static ApiSchema ObjectSchema(TypeDeclarationSyntax type)
    {
        var properties = new SortedDictionary<string, ApiSchema>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, schema, isRequired) in Properties(type))
        {
            properties[name] = schema;
            if (isRequired) required.Add(name);
        }
        var own = new ApiSchema { Types = ["object"], Properties = properties, Required = required.Count > 0 ? required.ToList() : null };
        var baseType = type.BaseList?.Types.Select(b => b.Type).FirstOrDefault(t => FromType(t).IsReference && !SimpleName(t).StartsWith('I'));
        return baseType is null ? own : new ApiSchema { AllOf = [FromType(baseType), own] };
    }

    /// <summary>Serialized properties: public instance auto-properties and positional record parameters.</summary>
    private static IEnumerable<(string Name, ApiSchema Schema, bool Required)> Properties(TypeDeclarationSyntax type)
    {
        if (type is RecordDeclarationSyntax { ParameterList: { } positional })
        {
            foreach (var parameter in positional.Parameters)
            {
                if (!Serialized(parameter)) continue;
                var schema = FromType(parameter.Type!);
                if (parameter.Default?.Value is LiteralExpressionSyntax literal && !literal.IsKind(SyntaxKind.NullLiteralExpression))
                    schema = schema with { Default = literal.IsKind(SyntaxKind.StringLiteralExpression) ? JsonSerializer.Serialize(literal.Token.ValueText) : literal.Token.Text };
                var required = parameter.Default is null && !schema.Nullable;
                yield return (JsonName(parameter.Identifier.ValueText, parameter.AttributeLists), Describe(schema, parameter.AttributeLists), required);
            }
        }
        foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>())
        {
            if (!Serialized(property)) continue;
            var schema = FromType(property.Type);
            var required = property.Modifiers.Any(SyntaxKind.RequiredKeyword)
                || CSharpFile.Attributes(property.AttributeLists).Any(a => CSharpFile.AttributeName(a) == "Required")
                || (IsValueType(property.Type) && !schema.Nullable);
            yield return (JsonName(property.Identifier.ValueText, property.AttributeLists), Describe(schema, property.AttributeLists), required);
        }
    }

    private static bool IsIgnored(SyntaxList<AttributeListSyntax> attributes) =>
        CSharpFile.Attributes(attributes).Any(a => CSharpFile.AttributeName(a) == "JsonIgnore"
            && a.ArgumentList?.Arguments.Any(arg => arg.ToString().Contains("WhenWriting", StringComparison.Ordinal)) != true);

    public static string JsonName(string name, SyntaxList<AttributeListSyntax> attributes)
    {
        var renamed = CSharpFile.Attributes(attributes).FirstOrDefault(a => CSharpFile.AttributeName(a) is "JsonPropertyName" or "FromQuery" or "FromRoute" or "FromHeader" or "FromForm" or "BindProperty");
        if (renamed is not null && (CSharpFile.Argument(renamed, 0, "Name")?.Expression as LiteralExpressionSyntax)?.Token.ValueText is { Length: > 0 } explicitName)
            return explicitName;
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Validation attributes that narrow a schema: [StringLength], [MaxLength], [MinLength], [Range], [RegularExpression].</summary>
    private static ApiSchema Describe(ApiSchema schema, SyntaxList<AttributeListSyntax> attributes)
    {
        foreach (var attribute in CSharpFile.Attributes(attributes))
        {
            var first = Number(CSharpFile.Argument(attribute, 0));
            var second = Number(CSharpFile.Argument(attribute, 1));
            schema = CSharpFile.AttributeName(attribute) switch
            {
                "StringLength" or "MaxLength" when first is not null => schema with { MaxLength = (int)first, MinLength = Number(CSharpFile.Argument(attribute, 9, "MinimumLength")) is { } min ? (int)min : schema.MinLength },
                "MinLength" when first is not null => schema with { MinLength = (int)first },
                "Range" when first is not null && second is not null => schema with { Minimum = first, Maximum = second },
                "RegularExpression" => schema with { Pattern = (CSharpFile.Argument(attribute, 0)?.Expression as LiteralExpressionSyntax)?.Token.ValueText },
                _ => schema,
            };
        }
        return schema;
    }

    private static decimal? Number(AttributeArgumentSyntax? argument) => argument?.Expression switch
    {
        LiteralExpressionSyntax literal when decimal.TryParse(literal.Token.ValueText, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
        PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "-", Operand: LiteralExpressionSyntax literal }
            when decimal.TryParse(literal.Token.ValueText, System.Globalization.CultureInfo.InvariantCulture, out var value) => -value,
        _ => null,
    };
}
