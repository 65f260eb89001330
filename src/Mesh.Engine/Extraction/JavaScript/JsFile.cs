using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// One parsed JavaScript/TypeScript file and what every reader needs from it: its calls, its module-level constants,
/// and the names it imports (local name → module specifier and export).
/// </summary>
internal sealed class JsFile
{
    public JsFile(SyntaxTree tree)
    {
        Tree = tree;
        Root = tree.Root;
        foreach (var node in Root.Descendants(namedOnly: true))
        {
            switch (node.Type)
            {
                case "call_expression": Calls.Add(node); break;
                case "new_expression": News.Add(node); break;
                case "import_statement": ReadImport(node); break;
                case "variable_declarator": ReadDeclarator(node); break;
                case "class_declaration" or "abstract_class_declaration" or "class": Classes.Add(node); break;
            }
        }
        Strings = new JsStrings(this);
    }

    public SyntaxTree Tree { get; }
    public Node Root { get; }
    public List<Node> Calls { get; } = [];
    public List<Node> News { get; } = [];
    public List<Node> Classes { get; } = [];
    public JsStrings Strings { get; }

    /// <summary>Module-level <c>const NAME = value</c>.</summary>
    public Dictionary<string, Node> Constants { get; } = new(StringComparer.Ordinal);

    /// <summary>Local name → (module specifier, exported name: <c>default</c>, a name, or <c>*</c> for a namespace).</summary>
    public Dictionary<string, (string Module, string Export)> Imports { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls already read as an endpoint, mount or HTTP call, so they are not call candidates too.</summary>
    public HashSet<int> Claimed { get; } = [];

    public void Claim(Node call) => Claimed.Add(call.StartByte);

    public bool IsClaimed(Node call) => Claimed.Contains(call.StartByte);

    public static string? StringValue(Node node) => node.Type switch
    {
        "string" => Unquote(node.Text()),
        "template_string" when !node.NamedChildren.Any(c => c.Type == "template_substitution") => Unquote(node.Text()),
        _ => null,
    };

    public static string Unquote(string text) => text.Length >= 2 ? text[1..^1] : "";

    public static Node? Argument(Node call, int index)
    {
        if (call.ChildByFieldName("arguments") is not { } args) return null;
        var i = 0;
        foreach (var arg in args.NamedChildren)
        {
            if (arg.Type == "comment") continue;
            if (i++ == index) return arg;
        }
        return null;
    }

    public static List<Node> Arguments(Node call) =>
        call.ChildByFieldName("arguments") is { } args ? args.NamedChildren.Where(a => a.Type != "comment").ToList() : [];

    /// <summary>The value of property <paramref name="key"/> in an object literal, or the shorthand identifier itself.</summary>
    public static Node? Property(Node obj, string key)
    {
        if (obj.Type != "object") return null;
        foreach (var member in obj.NamedChildren)
        {
            if (member.Type == "pair" && member.ChildByFieldName("key") is { } k && KeyName(k) == key) return member.ChildByFieldName("value");
            if (member.Type == "shorthand_property_identifier" && member.Text() == key) return member;
        }
        return null;
    }

    public static string KeyName(Node key) => key.Type is "string" ? Unquote(key.Text()) : key.Text();

    /// <summary>Strips wrappers that do not change a value: parentheses, <c>as T</c>, <c>x!</c>, <c>await</c>.</summary>
    public static Node Strip(Node node)
    {
        while (node.Type is "parenthesized_expression" or "as_expression" or "non_null_expression" or "satisfies_expression" or "await_expression"
               && node.NamedChildCount > 0)
            node = node.NamedChild(0);
        return node;
    }

    /// <summary>The function, method or arrow function that contains <paramref name="node"/>, or null at module level.</summary>
    public static Node? EnclosingFunction(Node node)
    {
        for (var current = node.Parent; current is { } n; current = n.Parent)
            if (IsFunction(n)) return n;
        return null;
    }

    public static bool IsFunction(Node node) =>
        node.Type is "function_declaration" or "function_expression" or "arrow_function" or "method_definition" or "generator_function_declaration" or "function";

    /// <summary>A function's name: its own, or the variable or property it is assigned to.</summary>
    public static string? FunctionName(Node function)
    {
        if (function.ChildByFieldName("name") is { } name) return name.Text();
        if (function.Parent is { Type: "variable_declarator" } declarator && declarator.ChildByFieldName("name") is { Type: "identifier" } id) return id.Text();
        if (function.Parent is { Type: "pair" } pair && pair.ChildByFieldName("key") is { } key) return KeyName(key);
        if (function.Parent is { Type: "public_field_definition" } field && field.ChildByFieldName("name") is { } fieldName) return fieldName.Text();
        return null;
    }

    public static List<Node> Parameters(Node function)
    {
        if (function.ChildByFieldName("parameters") is { } parameters) return parameters.NamedChildren.Where(p => p.Type != "comment").ToList();
        if (function.ChildByFieldName("parameter") is { } single) return [single];
        return [];
    }

    /// <summary>A parameter's name (<c>x</c>, <c>x = 1</c>, <c>x: T</c>, <c>x?: T</c>), or null for a destructuring pattern.</summary>
    public static string? ParameterName(Node parameter)
    {
        var node = parameter.Type is "required_parameter" or "optional_parameter" ? parameter.ChildByFieldName("pattern") : parameter;
        if (node is { Type: "assignment_pattern" } assignment) node = assignment.ChildByFieldName("left");
        return node is { Type: "identifier" } id ? id.Text() : null;
    }

    private void ReadImport(Node import)
    {
        if (import.ChildByFieldName("source") is not { } source || StringValue(source) is not { } module) return;
        foreach (var clause in import.NamedChildren.Where(c => c.Type == "import_clause"))
        {
            foreach (var part in clause.NamedChildren)
            {
                switch (part.Type)
                {
                    case "identifier":
                        Imports[part.Text()] = (module, "default");
                        break;
                    case "namespace_import" when part.NamedChildren.FirstOrDefault(c => c.Type == "identifier") is { Tree: not null } alias:
                        Imports[alias.Text()] = (module, "*");
                        break;
                    case "named_imports":
                        foreach (var specifier in part.NamedChildren.Where(s => s.Type == "import_specifier"))
                        {
                            var name = specifier.ChildByFieldName("name")?.Text();
                            var local = specifier.ChildByFieldName("alias")?.Text() ?? name;
                            if (name is not null && local is not null) Imports[local] = (module, name);
                        }
                        break;
                }
            }
        }
    }

    private void ReadDeclarator(Node declarator)
    {
        if (declarator.ChildByFieldName("value") is not { } value) return;
        var name = declarator.ChildByFieldName("name");
        // const x = require("m") / const { a, b: c } = require("m")
        if (Strip(value) is { Type: "call_expression" } call && call.ChildByFieldName("function") is { Type: "identifier" } fn && fn.Text() == "require"
            && Argument(call, 0) is { } arg && StringValue(arg) is { } module)
        {
            if (name is { Type: "identifier" }) Imports[name.Value.Text()] = (module, "default");
            else if (name is { Type: "object_pattern" } pattern)
                foreach (var member in pattern.NamedChildren)
                {
                    if (member.Type == "shorthand_property_identifier_pattern") Imports[member.Text()] = (module, member.Text());
                    else if (member.Type == "pair_pattern" && member.ChildByFieldName("key") is { } key && member.ChildByFieldName("value") is { Type: "identifier" } local)
                        Imports[local.Text()] = (module, KeyName(key));
                }
            return;
        }
        if (name is { Type: "identifier" } id && IsModuleLevel(declarator) && declarator.Parent is { } declaration
            && declaration.Children.Any(c => c.Type == "const"))
            Constants[id.Text()] = value;
    }

    private static bool IsModuleLevel(Node declarator)
    {
        var declaration = declarator.Parent;
        var parent = declaration?.Parent;
        if (parent is { Type: "export_statement" }) parent = parent.Value.Parent;
        return parent is { Type: "program" };
    }
}
