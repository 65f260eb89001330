using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Pydantic models (<c>BaseModel</c>, SQLModel) and enums of a file → named schemas; type annotations → schemas.
/// A model that extends another model is <c>allOf</c> [base, own fields].
/// </summary>
internal static class PydanticModels
{
    private static readonly HashSet<string> ModelRoots = ["BaseModel", "SQLModel", "RootModel", "GenericModel"];
    private static readonly HashSet<string> EnumRoots = ["Enum", "IntEnum", "StrEnum"];

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var (name, node) in file.Classes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsEnum(file, name)) sink.Schemas.TryAdd(name, EnumSchema(file, node));
            else if (IsModel(file, name)) sink.Schemas.TryAdd(name, ModelSchema(file, node));
        }
    }

    private static IEnumerable<string> Bases(Node @class) =>
        @class.ChildByFieldName("superclasses") is { } list
            ? list.NamedChildren.Where(b => b.Type is "identifier" or "attribute").Select(b => PythonFile.Dotted(b) is { } d ? d[^1] : b.Text())
            : [];

    public static bool IsEnum(PythonFile file, string name, int depth = 0) =>
        depth < 8 && file.Classes.TryGetValue(name, out var node) && Bases(node).Any(b => EnumRoots.Contains(b) || IsEnum(file, b, depth + 1));

    /// <summary>A class of this file that is a model, or that extends an imported class while the file uses pydantic/sqlmodel.</summary>
    public static bool IsModel(PythonFile file, string name, int depth = 0)
    {
        if (depth >= 8 || !file.Classes.TryGetValue(name, out var node)) return false;
        foreach (var b in Bases(node))
        {
            if (ModelRoots.Contains(b) || IsModel(file, b, depth + 1)) return true;
            if (!file.Classes.ContainsKey(b) && file.Imports.ContainsKey(b) && !EnumRoots.Contains(b) && UsesPydantic(file)) return true;
        }
        return false;
    }

    private static bool UsesPydantic(PythonFile file) => file.ImportsModule("pydantic") || file.ImportsModule("sqlmodel");

    private static ApiSchema EnumSchema(PythonFile file, Node @class)
    {
        var values = new List<string>();
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, value) in Fields(@class))
        {
            if (value is not { } v) continue;
            if (v.Type == "integer") { values.Add(v.Text()); types.Add("integer"); }
            else if (PythonStrings.Literal(file, v) is { } text) { values.Add(System.Text.Json.JsonSerializer.Serialize(text)); types.Add("string"); }
        }
        return new ApiSchema { Types = types.ToList(), Enum = values, Title = @class.ChildByFieldName("name")!.Value.Text() };
    }

    private static ApiSchema ModelSchema(PythonFile file, Node @class)
    {
        var properties = new SortedDictionary<string, ApiSchema>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var (name, type, value) in Fields(@class))
        {
            if (type is not { } annotation || name.StartsWith('_') || annotation.Text().StartsWith("ClassVar", StringComparison.Ordinal)) continue;
            var schema = TypeSchema(file, annotation);
            var property = name;
            var isRequired = value is null;
            if (value is { Type: "call" } call && PythonFile.CalleeName(call) == "Field")
            {
                var arguments = call.ChildByFieldName("arguments");
                var first = PythonFile.Positional(arguments).FirstOrDefault();
                isRequired = PythonFile.Keyword(arguments, "default") is null && PythonFile.Keyword(arguments, "default_factory") is null
                    && (first.Tree is null || first.Type == "ellipsis");
                if (PythonFile.Keyword(arguments, "alias") is { } alias && PythonStrings.Literal(file, alias) is { } aliasText) property = aliasText;
                if (PythonFile.Keyword(arguments, "description") is { } d && PythonStrings.Literal(file, d) is { } description)
                    schema = schema.IsReference ? schema : schema with { Title = description };
            }
            else if (value is { } v && DefaultJson(file, v) is { } json && !schema.IsReference) schema = schema with { Default = json };
            properties[property] = schema;
            if (isRequired) required.Add(property);
        }
        var own = new ApiSchema { Types = ["object"], Properties = properties, Required = required.Order(StringComparer.Ordinal).ToList() };
        var parents = Bases(@class).Where(b => IsModel(file, b) || (!ModelRoots.Contains(b) && file.Imports.ContainsKey(b) && !EnumRoots.Contains(b))).ToList();
        return parents.Count == 0 ? own : new ApiSchema { AllOf = [.. parents.Select(ApiSchema.Reference), own] };
    }

    private static string? DefaultJson(PythonFile file, Node value) => value.Type switch
    {
        "integer" or "float" => value.Text(),
        "true" => "true",
        "false" => "false",
        "none" => "null",
        "string" when PythonStrings.Literal(file, value) is { } s => System.Text.Json.JsonSerializer.Serialize(s),
        _ => null,
    };

    /// <summary>Annotated or assigned names in a class body: (name, annotation, default value).</summary>
    public static IEnumerable<(string Name, Node? Type, Node? Value)> Fields(Node @class)
    {
        if (@class.ChildByFieldName("body") is not { } body) yield break;
        foreach (var statement in body.NamedChildren)
        {
            if (statement.Type != "expression_statement" || statement.NamedChildCount != 1) continue;
            var assignment = statement.NamedChild(0);
            if (assignment.Type != "assignment" || assignment.ChildByFieldName("left") is not { Type: "identifier" } left) continue;
            yield return (left.Text(), assignment.ChildByFieldName("type"), assignment.ChildByFieldName("right"));
        }
    }

    private static readonly Dictionary<string, ApiSchema> Scalars = new(StringComparer.Ordinal)
    {
        ["str"] = new() { Types = ["string"] },
        ["int"] = new() { Types = ["integer"] },
        ["float"] = new() { Types = ["number"] },
        ["Decimal"] = new() { Types = ["number"] },
        ["bool"] = new() { Types = ["boolean"] },
        ["bytes"] = new() { Types = ["string"], Format = "binary" },
        ["datetime"] = new() { Types = ["string"], Format = "date-time" },
        ["date"] = new() { Types = ["string"], Format = "date" },
        ["time"] = new() { Types = ["string"], Format = "time" },
        ["timedelta"] = new() { Types = ["string"], Format = "duration" },
        ["UUID"] = new() { Types = ["string"], Format = "uuid" },
        ["EmailStr"] = new() { Types = ["string"], Format = "email" },
        ["HttpUrl"] = new() { Types = ["string"], Format = "uri" },
        ["AnyUrl"] = new() { Types = ["string"], Format = "uri" },
        ["AnyHttpUrl"] = new() { Types = ["string"], Format = "uri" },
        ["SecretStr"] = new() { Types = ["string"] },
        ["Json"] = new(),
        ["Any"] = new(),
        ["object"] = new(),
        ["dict"] = new() { Types = ["object"] },
        ["Dict"] = new() { Types = ["object"] },
        ["list"] = new() { Types = ["array"] },
        ["List"] = new() { Types = ["array"] },
    };

    private static readonly HashSet<string> Arrays = ["list", "List", "Sequence", "set", "Set", "frozenset", "FrozenSet", "tuple", "Tuple", "Iterable", "conlist"];
    private static readonly HashSet<string> Maps = ["dict", "Dict", "Mapping"];

    public static bool IsScalar(string name) => Scalars.ContainsKey(name) || Arrays.Contains(name) || Maps.Contains(name);

    /// <summary>The schema of a type annotation (or a type used as a value, as in <c>response_model=list[Item]</c>).</summary>
    public static ApiSchema TypeSchema(PythonFile file, Node type, int depth = 0)
    {
        if (depth > 16) return new ApiSchema();
        switch (type.Type)
        {
            case "type" when type.NamedChildCount == 1:
                return TypeSchema(file, type.NamedChild(0), depth + 1);
            case "identifier" or "attribute":
                var name = PythonFile.Dotted(type) is { } d ? d[^1] : type.Text();
                return Scalars.TryGetValue(name, out var scalar) ? scalar : ApiSchema.Reference(name);
            case "none":
                return new ApiSchema { Nullable = true };
            case "string" when PythonStrings.Literal(file, type) is { } forward:
                // A forward reference: "Item" or "list[Item]"; only plain names are resolved.
                return Scalars.TryGetValue(forward, out var s) ? s : ApiSchema.Reference(forward.Trim());
            case "binary_operator" when type.ChildByFieldName("operator")?.Text() == "|":
                return Union(file, [type.ChildByFieldName("left")!.Value, type.ChildByFieldName("right")!.Value], depth);
            case "generic_type" or "subscript":
                var (head, arguments) = Generic(type);
                if (head is null) return new ApiSchema();
                if (head is "Optional" && arguments.Count == 1) return Nullable(TypeSchema(file, arguments[0], depth + 1));
                if (head is "Union") return Union(file, arguments, depth);
                if (head is "Annotated" && arguments.Count > 0) return TypeSchema(file, arguments[0], depth + 1);
                if (head is "Literal") return LiteralSchema(file, arguments);
                if (Arrays.Contains(head))
                    return new ApiSchema { Types = ["array"], Items = arguments.Count > 0 && arguments[0].Type != "ellipsis" ? TypeSchema(file, arguments[0], depth + 1) : null };
                if (Maps.Contains(head))
                    return new ApiSchema { Types = ["object"], AdditionalProperties = arguments.Count == 2 ? TypeSchema(file, arguments[1], depth + 1) : null };
                return ApiSchema.Reference(head);
            default:
                return new ApiSchema();
        }
    }

    private static (string? Head, List<Node> Arguments) Generic(Node type)
    {
        if (type.Type == "generic_type")
        {
            var head = type.NamedChild(0);
            var parameters = type.NamedChildren.FirstOrDefault(c => c.Type == "type_parameter");
            return (PythonFile.Dotted(head) is { } d ? d[^1] : head.Text(), parameters.Tree is null ? [] : parameters.NamedChildren.ToList());
        }
        var value = type.ChildByFieldName("value");
        var arguments = new List<Node>();
        for (var i = 0; i < type.ChildCount; i++)
            if (type.FieldNameForChild(i) == "subscript")
            {
                var argument = type.Child(i);
                if (argument.Type == "tuple") arguments.AddRange(argument.NamedChildren);
                else arguments.Add(argument);
            }
        return (value is { } v && PythonFile.Dotted(v) is { } dd ? dd[^1] : null, arguments);
    }

    private static ApiSchema Union(PythonFile file, List<Node> members, int depth)
    {
        var schemas = members.Select(m => TypeSchema(file, m, depth + 1)).ToList();
        var nullable = schemas.Any(s => s.Nullable && s.Types is null && s.Ref is null);
        var rest = schemas.Where(s => !(s.Nullable && s.Types is null && s.Ref is null)).ToList();
        var schema = rest.Count == 1 ? rest[0] : rest.Count == 0 ? new ApiSchema() : new ApiSchema { AnyOf = rest };
        return nullable ? Nullable(schema) : schema;
    }

    // A reference cannot carry siblings: a nullable reference becomes anyOf [ref] with nullable set.
    private static ApiSchema Nullable(ApiSchema schema) =>
        schema.IsReference ? new ApiSchema { AnyOf = [schema], Nullable = true } : schema with { Nullable = true };

    private static ApiSchema LiteralSchema(PythonFile file, List<Node> values)
    {
        var items = new List<string>();
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var node = value.Type == "type" && value.NamedChildCount == 1 ? value.NamedChild(0) : value;
            if (node.Type == "integer") { items.Add(node.Text()); types.Add("integer"); }
            else if (node.Type is "true" or "false") { items.Add(node.Type); types.Add("boolean"); }
            else if (PythonStrings.Literal(file, node) is { } text) { items.Add(System.Text.Json.JsonSerializer.Serialize(text)); types.Add("string"); }
        }
        return new ApiSchema { Types = types.ToList(), Enum = items };
    }
}
