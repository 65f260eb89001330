using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// One parsed JavaScript/TypeScript file and what every reader needs from it (read by <c>JsFile.scm</c>): the names it
/// imports (local name → module specifier and export), its variables and module-level constants, its functions, what it exports.
/// </summary>
internal sealed class JsFile
{
    public JsFile(SyntaxTree tree, CancellationToken cancellationToken = default)
    {
        Tree = tree;
        Root = tree.Root;
        using (var cursor = new TreeCursor(Root))
        {
            // Node.NamedChildren indexes each child from the first: a cursor lists a long module in one pass.
            if (cursor.GotoFirstChild())
                do { if (cursor.Current is { IsNamed: true } top) TopLevel.Add(top); } while (cursor.GotoNextSibling());
        }
        var group = QuerySource.LoadGroup(Language, Language == Language.JavaScript ? JavaScriptQueries : TypeScriptQueries);
        var matches = group.Matches(Root, cancellationToken);
        for (var i = 0; i < group.Paths.Count; i++) this.matches[group.Paths[i]] = matches[i];
        var required = new HashSet<int>();
        var declarators = new List<(string Name, Node Declarator, Node Value)>();
        var constants = new List<(string Name, Node Declarator, Node Value)>();
        foreach (var match in Matches("JavaScript/JsFile.scm"))
        {
            if (match["call"] is { } call)
            {
                Calls.Add(new JsCall(call, (match["name"] ?? match["method"])!.Value.Text(), match["name"] is not null));
            }
            else if (match["source"] is { } source)
            {
                if (StringValue(source) is not { } module) continue;
                if (match["required"] is { } declarator) required.Add(declarator.StartByte);
                if (match["default"] is { } local) Imports[local.Text()] = (module, "default");
                else if (match["namespace"] is { } ns) Imports[ns.Text()] = (module, "*");
                else if (match["name"] is { } name) Imports[(match["alias"] ?? name).Text()] = (module, KeyName(name));
            }
            else if (match["declarator"] is { } declarator) declarators.Add((match["variable"]!.Value.Text(), declarator, match["value"]!.Value));
            else if (match["constant"] is { } constant)
            {
                if (IsModuleStatement(match["statement"]!.Value)) constants.Add((constant.Text(), match["binding"]!.Value, match["value"]!.Value));
            }
            else if (match["local"] is { } exported && (match["target"] is null || IsModuleStatement(match["export"]!.Value))) ReadExport(match, exported);
        }
        // A require() binds an import, not a value: `const express = require("express")` is no string constant.
        declarators.Sort((a, b) => a.Declarator.StartByte.CompareTo(b.Declarator.StartByte));
        foreach (var (name, declarator, value) in declarators)
        {
            if (required.Contains(declarator.StartByte)) continue;
            if (!Declarators.TryGetValue(name, out var list)) Declarators[name] = list = [];
            list.Add((declarator, value));
        }
        foreach (var (name, declarator, value) in constants.OrderBy(c => c.Declarator.StartByte))
            if (!required.Contains(declarator.StartByte)) Constants[name] = value;
        Calls.Sort((a, b) => a.Node.StartByte != b.Node.StartByte ? a.Node.StartByte.CompareTo(b.Node.StartByte) : a.Node.EndByte.CompareTo(b.Node.EndByte));
        Exports.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Export, b.Export));
        Strings = new JsStrings(this);
    }

    /// <summary>The grammar the file was parsed with (JavaScript, TypeScript or TSX).</summary>
    public Language Language => Tree.Language;

    /// <summary>
    /// The queries of every reader, run over the tree in one pass (a pass costs about what a reader needs). TypeScript
    /// and TSX add the patterns with node types the JavaScript grammar does not have.
    /// </summary>
    private static readonly string[] JavaScriptQueries =
    [
        "JavaScript/JsFile.scm", "JavaScript/Express.scm", "JavaScript/Koa.scm", "JavaScript/Fastify.scm", "JavaScript/NestJs.scm",
        "JavaScript/NextJs.scm", "JavaScript/HttpClients.scm", "JavaScript/HttpCalls.scm",
    ];

    private static readonly string[] TypeScriptQueries = [.. JavaScriptQueries, "JavaScript/HttpClients.TypeScript.scm", "JavaScript/TypeDeclarations.scm"];

    private readonly Dictionary<string, List<QueryMatch>> matches = new(StringComparer.Ordinal);

    /// <summary>The matches of the patterns in one <c>.scm</c> file of this folder (<c>JavaScript/Express.scm</c>), in tree-sitter's order.</summary>
    public IReadOnlyList<QueryMatch> Matches(string path) => matches.TryGetValue(path, out var found) ? found : [];

    /// <summary>True for TypeScript and TSX: only they have types, interfaces and typed class fields.</summary>
    public bool IsTypeScript => Language != Language.JavaScript;

    public SyntaxTree Tree { get; }
    public Node Root { get; }
    /// <summary>The module's statements.</summary>
    public List<Node> TopLevel { get; } = [];

    /// <summary>Every call whose function is a name or a member (<c>fetch(...)</c>, <c>api.get(...)</c>), in source order.</summary>
    public List<JsCall> Calls { get; } = [];

    /// <summary>Every <c>name = value</c> declarator by name, for locals assigned before a use.</summary>
    public Dictionary<string, List<(Node Declarator, Node Value)>> Declarators { get; } = new(StringComparer.Ordinal);
    public JsStrings Strings { get; }

    /// <summary>
    /// What the module exports by name (<c>default</c> for the default export) and the local it exports, when that is a
    /// plain name: <c>export default router</c>, <c>module.exports = { a, b: c }</c>, <c>export const x = ...</c>.
    /// <see cref="JsExport.Wrapper"/> names a function the local is passed through (<c>export default fp(routes)</c>).
    /// </summary>
    public List<JsExport> Exports { get; } = [];

    /// <summary>Module-level <c>const NAME = value</c>.</summary>
    public Dictionary<string, Node> Constants { get; } = new(StringComparer.Ordinal);

    /// <summary>Local name → (module specifier, exported name: <c>default</c>, a name, or <c>*</c> for a namespace).</summary>
    public Dictionary<string, (string Module, string Export)> Imports { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls already read as an endpoint, mount or HTTP call, so they are not call candidates too.</summary>
    public HashSet<(int Start, int End)> Claimed { get; } = [];

    // By range: the calls of a chain (router.get(...).post(...)) all start where it starts.
    public void Claim(Node call) => Claimed.Add((call.StartByte, call.EndByte));

    public bool IsClaimed(Node call) => Claimed.Contains((call.StartByte, call.EndByte));

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

    public static Node? Argument(Node call, int index) => call.ChildByFieldName("arguments") is { } args ? ArgumentOf(args, index) : null;

    /// <summary>The argument at <paramref name="index"/> of an argument list, comments skipped.</summary>
    public static Node? ArgumentOf(Node args, int index)
    {
        var i = 0;
        foreach (var arg in args.NamedChildren)
        {
            if (arg.Type == "comment") continue;
            if (i++ == index) return arg;
        }
        return null;
    }

    public static List<Node> Arguments(Node call) =>
        call.ChildByFieldName("arguments") is { } args ? ArgumentsOf(args) : [];

    public static List<Node> ArgumentsOf(Node args) => args.NamedChildren.Where(a => a.Type != "comment").ToList();

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
    /// <summary>The ancestors of <paramref name="node"/>, from the root down to its parent.</summary>
    public List<Node> Ancestors(Node node)
    {
        if (node == Root) return [];
        var path = new List<Node> { Root };
        for (var current = Root; current.ChildWithDescendant(node) is { } child && child != node; current = child) path.Add(child);
        return path;
    }

    public Node? EnclosingFunction(Node node)
    {
        Node? found = null;
        for (var current = Root; current.ChildWithDescendant(node) is { } child && child != node; current = child)
            if (IsFunction(child)) found = child;
        return found;
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

    /// <summary>The name callers use for a function: <c>requests.get</c> for a member of an object literal held in a variable, else its own.</summary>
    public static string? CallableName(Node function)
    {
        if (FunctionName(function) is not { } name) return null;
        var member = function.Type == "method_definition" ? function : function.Parent is { Type: "pair" } pair ? pair : (Node?)null;
        return member?.Parent is { Type: "object" } obj && obj.Parent is { Type: "variable_declarator" } declarator
               && declarator.ChildByFieldName("name") is { Type: "identifier" } holder
            ? holder.Text() + "." + name
            : name;
    }

    /// <summary>
    /// The names a function's parameters bind, each with its parameter's index, the property it is destructured from
    /// (<c>({ url, method = "GET" }) =&gt;</c>) and its default value.
    /// </summary>
    public static Dictionary<string, JsBinding> Bindings(Node function)
    {
        var bindings = new Dictionary<string, JsBinding>(StringComparer.Ordinal);
        var parameters = Parameters(function);
        for (var i = 0; i < parameters.Count; i++)
        {
            var (pattern, value) = Unwrapped(parameters[i], null);
            if (pattern.Type == "identifier") bindings.TryAdd(pattern.Text(), new JsBinding(i, null, value));
            if (pattern.Type != "object_pattern") continue;
            foreach (var member in pattern.NamedChildren)
            {
                if (member.Type == "shorthand_property_identifier_pattern")
                    bindings.TryAdd(member.Text(), new JsBinding(i, member.Text(), null));
                else if (member.Type == "object_assignment_pattern" && member.ChildByFieldName("left") is { } left)
                    bindings.TryAdd(left.Text(), new JsBinding(i, left.Text(), member.ChildByFieldName("right")));
                else if (member.Type == "pair_pattern" && member.ChildByFieldName("key") is { } key && member.ChildByFieldName("value") is { } target
                         && Unwrapped(target, null) is ({ Type: "identifier" } local, var fallback))
                    bindings.TryAdd(local.Text(), new JsBinding(i, KeyName(key), fallback));
            }
        }
        return bindings;
    }

    /// <summary>A parameter's pattern and default: <c>x: T = 1</c>, <c>x = 1</c>, <c>{ a } = {}</c>.</summary>
    private static (Node Pattern, Node? Default) Unwrapped(Node parameter, Node? value)
    {
        if (parameter.Type is "required_parameter" or "optional_parameter" && parameter.ChildByFieldName("pattern") is { } pattern)
            return Unwrapped(pattern, parameter.ChildByFieldName("value") ?? value);
        if (parameter.Type == "assignment_pattern" && parameter.ChildByFieldName("left") is { } left)
            return Unwrapped(left, parameter.ChildByFieldName("right") ?? value);
        return (parameter, value);
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

    /// <summary>A statement of the module itself, or the declaration of one of its <c>export</c> statements (found through <see cref="TopLevel"/>, as Node.Parent is costly).</summary>
    private bool IsModuleStatement(Node statement)
    {
        int low = 0, high = TopLevel.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (TopLevel[middle].StartByte <= statement.StartByte) low = middle + 1;
            else high = middle;
        }
        if (low == 0) return false;
        var top = TopLevel[low - 1];
        return top == statement || (top.Type == "export_statement" && top.ChildByFieldName("declaration") == statement);
    }

    /// <summary><c>export default ...</c>, however the grammar files what follows (a value or a declaration).</summary>
    public static bool IsDefaultExport(Node export)
    {
        for (var i = 0; i < export.ChildCount; i++)
            if (export.Child(i).Type == "default") return true;
        return false;
    }

    private void ReadExport(QueryMatch match, Node local)
    {
        var line = (match["member"] ?? match["export"])!.Value.Start.Line;
        var wrapper = match["wrapper"]?.Text();
        if (match["target"] is { } target)
        {
            var left = target.Text();
            if (left == "module.exports")
                Exports.Add(new JsExport(match["member"] is null ? "default" : KeyName((match["alias"] ?? local)), local.Text(), line, wrapper));
            else if (left.StartsWith("exports.", StringComparison.Ordinal) || left.StartsWith("module.exports.", StringComparison.Ordinal))
                Exports.Add(new JsExport(left[(left.LastIndexOf('.') + 1)..], local.Text(), line, wrapper));
            return;
        }
        var statement = match["export"]!.Value;
        var export = match["alias"]?.Text() ?? (IsDefaultExport(statement) ? "default" : local.Text());
        Exports.Add(new JsExport(export, local.Text(), line, wrapper));
    }
}

/// <summary>A call and the name it calls: <c>fetch</c>, or <c>get</c> of <c>api.get</c> (<paramref name="ByName"/> false).</summary>
internal readonly record struct JsCall(Node Node, string Name, bool ByName);

/// <summary>A name a function's parameter binds: the parameter's index, the property it is destructured from, its default value.</summary>
internal readonly record struct JsBinding(int Index, string? Property, Node? Default);

/// <summary>One name a module exports: <paramref name="Export"/> (or <c>default</c>) is the module's <paramref name="Local"/>.</summary>
internal sealed record JsExport(string Export, string Local, int Line, string? Wrapper = null);
