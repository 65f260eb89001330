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
        using (var cursor = new TreeCursor(Root))
        {
            // Node.NamedChildren indexes each child from the first: a cursor lists a long module in one pass.
            if (cursor.GotoFirstChild())
                do { if (cursor.Current is { IsNamed: true } top) TopLevel.Add(top); } while (cursor.GotoNextSibling());
        }
        foreach (var node in Root.Descendants(namedOnly: true))
        {
            if (IsFunction(node)) Functions.Add(node);
            switch (node.Type)
            {
                case "call_expression": Calls.Add(node); CallNames.Add(CallName(node)); break;
                case "new_expression": News.Add(node); break;
                case "import_statement": ReadImport(node); break;
                case "variable_declarator": ReadDeclarator(node); break;
                case "class_declaration" or "abstract_class_declaration" or "class": Classes.Add(node); TypeDeclarations.Add(node); break;
                case "interface_declaration" or "type_alias_declaration": TypeDeclarations.Add(node); break;
            }
        }
        Strings = new JsStrings(this);
    }

    public SyntaxTree Tree { get; }
    public Node Root { get; }
    public List<Node> Calls { get; } = [];

    /// <summary>The module's statements.</summary>
    public List<Node> TopLevel { get; } = [];

    /// <summary>Functions, methods and arrow functions in source order (outer before inner).</summary>
    public List<Node> Functions { get; } = [];

    /// <summary>For each of <see cref="Calls"/>, the called name (<c>fetch</c>, or <c>get</c> of <c>api.get</c>), so readers skip the rest cheaply.</summary>
    public List<string?> CallNames { get; } = [];

    /// <summary>Interfaces, type aliases and classes, in source order.</summary>
    public List<Node> TypeDeclarations { get; } = [];

    /// <summary>Every <c>name = value</c> declarator by name, for locals assigned before a use.</summary>
    public Dictionary<string, List<(Node Declarator, Node Value)>> Declarators { get; } = new(StringComparer.Ordinal);
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

    /// <summary>A module of the repo (relative, or a path alias like <c>@/lib</c>), not a package.</summary>
    public static bool IsRepoModule(string module) => module.StartsWith('.') || module.StartsWith("@/", StringComparison.Ordinal) || module.StartsWith("~/", StringComparison.Ordinal);

    public static string? CallName(Node call) => (call.ChildByFieldName("function") is { } function ? Strip(function) : (Node?)null) switch
    {
        { Type: "identifier" } id => id.Text(),
        { Type: "member_expression" } member => member.ChildByFieldName("property")?.Text(),
        _ => null,
    };

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
    public Node? EnclosingFunction(Node node)
    {
        // Node.Parent walks down from the root each time; the sorted function ranges answer without it.
        int low = 0, high = Functions.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Functions[middle].StartByte <= node.StartByte) low = middle + 1;
            else high = middle;
        }
        for (var i = low - 1; i >= 0; i--)
        {
            var function = Functions[i];
            if (function.EndByte >= node.EndByte && !(function.StartByte == node.StartByte && function.EndByte == node.EndByte)) return function;
        }
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
        if (name is { Type: "identifier" } declared)
        {
            if (!Declarators.TryGetValue(declared.Text(), out var list)) Declarators[declared.Text()] = list = [];
            list.Add((declarator, value));
        }
        if (name is { Type: "identifier" } id && IsModuleConstant(declarator)) Constants[id.Text()] = value;
    }

    /// <summary>A declarator of a module-level <c>const</c> (found through <see cref="TopLevel"/>, as Node.Parent is costly).</summary>
    private bool IsModuleConstant(Node declarator)
    {
        int low = 0, high = TopLevel.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (TopLevel[middle].StartByte <= declarator.StartByte) low = middle + 1;
            else high = middle;
        }
        if (low == 0) return false;
        var statement = TopLevel[low - 1];
        if (statement.Type == "export_statement" && statement.ChildByFieldName("declaration") is { } exported) statement = exported;
        return statement.Type == "lexical_declaration" && statement.EndByte >= declarator.EndByte
               && statement.ChildByFieldName("kind")?.Type == "const" && EnclosingFunction(declarator) is null;
    }
}
