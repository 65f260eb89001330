using System.Globalization;
using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// TypeScript types → <see cref="ApiSchema"/>: interfaces, type aliases and classes (DTOs with class-validator
/// decorators) become named schemas (found by <c>TypeDeclarations.scm</c>); a type written elsewhere becomes a reference
/// the resolver finds in the repo.
/// </summary>
internal static class TypeDeclarations
{
    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        if (!file.IsTypeScript) return;
        var declarations = new SortedDictionary<int, QueryMatch>();
        foreach (var match in file.Matches("JavaScript/TypeDeclarations.scm"))
            declarations.TryAdd(match["declaration"]!.Value.StartByte, match);
        foreach (var match in declarations.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = match["name"]!.Value.Text();
            if (sink.Schemas.ContainsKey(name)) continue;
            var declaration = match["declaration"]!.Value;
            sink.Schemas[name] = match["value"] is { } value ? Schema(value) : Members((match["body"] ?? match["members"])!.Value, inherits: Heritage(declaration));
        }
    }

    /// <summary>The schema of a type node (a <c>type_annotation</c> or the type itself).</summary>
    public static ApiSchema Schema(Node type)
    {
        if (type.Type == "type_annotation" && type.NamedChildCount > 0) type = type.NamedChild(0);
        switch (type.Type)
        {
            case "predefined_type":
                return type.Text() switch
                {
                    "string" => Of("string"),
                    "number" => Of("number"),
                    "bigint" => Of("integer"),
                    "boolean" => Of("boolean"),
                    "null" or "undefined" or "void" => new ApiSchema { Nullable = true },
                    _ => new ApiSchema(),
                };
            case "type_identifier":
                return type.Text() switch
                {
                    "Date" => Of("string") with { Format = "date-time" },
                    "Blob" or "File" or "Buffer" => Of("string") with { Format = "binary" },
                    var name => ApiSchema.Reference(name),
                };
            case "nested_type_identifier":
                return ApiSchema.Reference(type.NamedChildren.Last().Text());
            case "array_type" when type.NamedChildCount > 0:
                return Of("array") with { Items = Schema(type.NamedChild(0)) };
            case "readonly_type" or "parenthesized_type" when type.NamedChildCount > 0:
                return Schema(type.NamedChild(0));
            case "generic_type":
                return Generic(type);
            case "literal_type" when type.NamedChildCount > 0:
                return Literal(type.NamedChild(0));
            case "union_type":
                return Union(type);
            case "object_type":
                return Members(type, inherits: []);
            default:
                return new ApiSchema();
        }
    }

    /// <summary>The type a handler or call promises: <c>Promise&lt;T&gt;</c> and <c>Observable&lt;T&gt;</c> unwrap to T; none when it says nothing.</summary>
    public static ApiSchema? Returned(Node? type)
    {
        if (type is null) return null;
        var schema = Schema(type.Value);
        return schema.Ref is null && schema.Types is null && schema.Items is null ? null : schema;
    }

    private static ApiSchema Of(string type) => new() { Types = [type] };

    private static ApiSchema Generic(Node type)
    {
        var name = type.ChildByFieldName("name")?.Text();
        var args = type.ChildByFieldName("type_arguments")?.NamedChildren.ToList() ?? [];
        return name switch
        {
            "Array" or "ReadonlyArray" or "Set" when args.Count == 1 => Of("array") with { Items = Schema(args[0]) },
            "Promise" or "Observable" or "Partial" or "Readonly" or "Required" or "AxiosResponse" or "HttpResponse" when args.Count >= 1 => Schema(args[0]),
            "Record" or "Map" when args.Count == 2 => Of("object") with { AdditionalProperties = Schema(args[1]) },
            null => new ApiSchema(),
            _ => ApiSchema.Reference(name),
        };
    }

    private static ApiSchema Literal(Node literal) => literal.Type switch
    {
        "string" => Of("string") with { Enum = [System.Text.Json.JsonSerializer.Serialize(JsFile.Unquote(literal.Text()))] },
        "number" => Of("number") with { Enum = [literal.Text()] },
        "true" or "false" => Of("boolean") with { Enum = [literal.Text()] },
        "null" or "undefined" => new ApiSchema { Nullable = true },
        _ => new ApiSchema(),
    };

    private static ApiSchema Union(Node union)
    {
        var parts = new List<Node>();
        Flatten(union, parts);
        var nullable = parts.Any(p => p.Text() is "null" or "undefined");
        var rest = parts.Where(p => p.Text() is not ("null" or "undefined")).Select(Schema).ToList();
        ApiSchema result;
        if (rest.Count > 0 && rest.All(s => s.Enum is { Count: 1 } && s.Types is ["string"]))
            result = Of("string") with { Enum = rest.Select(s => s.Enum![0]).ToList() };
        else if (rest.Count == 1)
            result = rest[0];
        else
            result = new ApiSchema { AnyOf = rest };
        return nullable ? result with { Nullable = true } : result;
    }

    private static void Flatten(Node union, List<Node> parts)
    {
        foreach (var part in union.NamedChildren)
            if (part.Type == "union_type") Flatten(part, parts);
            else parts.Add(part);
    }

    private static List<string> Heritage(Node declaration)
    {
        var bases = new List<string>();
        foreach (var clause in declaration.NamedChildren.Where(c => c.Type is "extends_type_clause" or "class_heritage"))
            foreach (var node in clause.Descendants(namedOnly: true))
                if (node.Type is "type_identifier" || (node.Type == "identifier" && node.Parent?.Type == "extends_clause"))
                    bases.Add(node.Text());
        return bases;
    }

    /// <summary>Properties of an interface body, object type or class body; class-validator decorators refine them.</summary>
    private static ApiSchema Members(Node body, List<string> inherits)
    {
        var properties = new SortedDictionary<string, ApiSchema>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var member in body.NamedChildren)
        {
            if (member.Type is not ("property_signature" or "public_field_definition")) continue;
            if (member.Children.Any(c => c.Type is "static" or "private" or "protected" || c.Type == "accessibility_modifier" && c.Text() != "public")) continue;
            if (member.ChildByFieldName("name") is not { } nameNode) continue;
            var name = nameNode.Type == "string" ? JsFile.Unquote(nameNode.Text()) : nameNode.Text();
            var schema = member.ChildByFieldName("type") is { } type ? Schema(type) : new ApiSchema();
            var optional = member.Children.Any(c => c.Type == "?");
            foreach (var decorator in member.NamedChildren.Where(c => c.Type == "decorator"))
                (schema, optional) = Validator(decorator, schema, optional);
            properties[name] = schema;
            if (!optional) required.Add(name);
        }
        var own = Of("object") with { Properties = properties, Required = required.Count > 0 ? required : null };
        return inherits.Count == 0 ? own : new ApiSchema { AllOf = [.. inherits.Select(ApiSchema.Reference), own] };
    }

    private static (ApiSchema Schema, bool Optional) Validator(Node decorator, ApiSchema schema, bool optional)
    {
        var call = decorator.NamedChildCount > 0 ? decorator.NamedChild(0) : decorator;
        var name = call.Type == "call_expression" ? call.ChildByFieldName("function")?.Text() : call.Text();
        var number = call.Type == "call_expression" && JsFile.Argument(call, 0) is { Type: "number" } n
            && decimal.TryParse(n.Text(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;
        return name switch
        {
            "IsOptional" => (schema, true),
            "IsDefined" or "IsNotEmpty" => (schema, false),
            "IsString" => (schema with { Types = ["string"] }, optional),
            "IsInt" => (schema with { Types = ["integer"] }, optional),
            "IsNumber" => (schema with { Types = ["number"] }, optional),
            "IsBoolean" => (schema with { Types = ["boolean"] }, optional),
            "IsEmail" => (schema with { Types = ["string"], Format = "email" }, optional),
            "IsUUID" => (schema with { Types = ["string"], Format = "uuid" }, optional),
            "IsDateString" or "IsISO8601" => (schema with { Types = ["string"], Format = "date-time" }, optional),
            "Min" => (schema with { Minimum = number }, optional),
            "Max" => (schema with { Maximum = number }, optional),
            "MinLength" => (schema with { MinLength = (int?)number }, optional),
            "MaxLength" => (schema with { MaxLength = (int?)number }, optional),
            "ArrayMinSize" => (schema with { MinItems = (int?)number }, optional),
            "ArrayMaxSize" => (schema with { MaxItems = (int?)number }, optional),
            _ => (schema, optional),
        };
    }
}
