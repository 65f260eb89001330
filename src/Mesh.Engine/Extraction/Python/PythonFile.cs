using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Extraction.Python;

/// <summary>An imported name: <c>from Module import Name</c>, or <c>import Module</c> (Name null). Relative modules keep their dots.</summary>
internal sealed record PythonImport(string Module, string? Name)
{
    /// <summary>The module this name denotes if it is one (<c>from app.routers import items</c> → <c>app.routers.items</c>).</summary>
    public string AsModule => Name is null ? Module : Module.EndsWith('.') ? Module + Name : Module + "." + Name;
}

/// <summary>A module-level variable bound to a framework object: <c>app = FastAPI()</c>, <c>router = APIRouter(prefix="/items")</c>.</summary>
internal sealed record PythonApp(string Name, string Kind, string Prefix, IReadOnlyList<string> Tags, int Line)
{
    public bool IsRoot => Kind is "FastAPI" or "Flask" or "Starlette";
    public bool IsFastApi => Kind is "FastAPI" or "APIRouter";
    public bool IsFlask => Kind is "Flask" or "Blueprint";
}

/// <summary>
/// One parsed Python file and what its top level declares: imports, string constants, framework objects, classes and
/// functions. Readers share it so the file is parsed and indexed once.
/// </summary>
internal sealed class PythonFile
{
    public PythonFile(SyntaxTree tree)
    {
        Tree = tree;
        Root = tree.Root;
        Walk();
        foreach (var statement in TopLevel) Index(statement);
        IndexMemberApps();
    }

    /// <summary>Framework objects bound to an instance attribute (<c>self.app = FastAPI()</c> in a method), named <c>self.app</c>.</summary>
    private void IndexMemberApps()
    {
        foreach (var assignment in assignments)
            if (assignment.ChildByFieldName("left") is { Type: "attribute" } left && Dotted(left) is ["self", _]
                && assignment.ChildByFieldName("right") is { } right && AppOf(left.Text(), right) is { } app)
                Apps.TryAdd(app.Name, app);
    }

    private HashSet<string>? mountedApps;

    /// <summary>
    /// Applications of this file mounted under a path as sub-applications (<c>app.mount("/v1", v1)</c>,
    /// <c>Mount("/v1", app=v1)</c>): their routes are relative to the mount, not to the root.
    /// </summary>
    public HashSet<string> MountedApps => mountedApps ??= FindMountedApps();

    private HashSet<string> FindMountedApps()
    {
        var mounted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < calls.Count; i++)
        {
            if (CallNames[i] is not ("mount" or "Mount")) continue;
            var arguments = calls[i].ChildByFieldName("arguments");
            if ((Keyword(arguments, "app") ?? Positional(arguments).ElementAtOrDefault(1)) is { Tree: not null } sub && AppNamed(sub) is { IsRoot: true } app)
                mounted.Add(app.Name);
        }
        return mounted;
    }

    /// <summary>The framework object an expression names: a module-level variable (<c>app</c>) or an instance attribute (<c>self.app</c>).</summary>
    public PythonApp? AppNamed(Node expression) =>
        expression.Type == "identifier" || (expression.Type == "attribute" && Dotted(expression) is ["self", _])
            ? Apps.GetValueOrDefault(expression.Text())
            : null;

    /// <summary>
    /// One pass over the tree collects what readers look for anywhere (calls, decorated definitions, functions,
    /// assignments), with each call's parent: <see cref="Node.Parent"/> descends from the root on every use.
    /// </summary>
    private void Walk()
    {
        foreach (var walked in TreeWalk.Run(Root, WalkedTypes.Value))
        {
            var current = walked.Node;
            if (walked.IsSelected)
                switch (current.Type)
                {
                    case "call":
                        calls.Add(current);
                        CallParents.Add(walked.Parent);
                        break;
                    case "function_definition":
                        functions.Add(current);
                        // A method: the function (or its decorated definition) is a statement of a class body.
                        var container = walked.AncestorType(1) == "decorated_definition" ? 2 : 1;
                        if (walked.AncestorType(container) == "block" && walked.AncestorType(container + 1) == "class_definition") methods.Add(current.StartByte);
                        break;
                    case "decorated_definition":
                        DecoratedDefinitions.Add(current);
                        break;
                    case "assignment":
                        assignments.Add(current);
                        break;
                }
            if (walked.IsTopLevel) TopLevel.Add(current);
        }
    }

    // A memo of an immutable table, keyed by nothing that changes: Language.Python is one grammar for the process.
    private static readonly Lazy<NodeTypeSet> WalkedTypes = new(() => new NodeTypeSet(Language.Python, "call", "function_definition", "decorated_definition", "assignment"));

    public SyntaxTree Tree { get; }
    public Node Root { get; }
    public Dictionary<string, PythonImport> Imports { get; } = new(StringComparer.Ordinal);
    /// <summary>Modules imported with <c>from module import *</c>, relative ones with their dots.</summary>
    public List<string> StarImports { get; } = [];
    /// <summary>Module-level <c>NAME = expression</c>, the last assignment winning.</summary>
    public Dictionary<string, Node> Assignments { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, PythonApp> Apps { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Node> Classes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Node> Functions { get; } = new(StringComparer.Ordinal);

    private readonly List<Node> calls = [];
    private readonly List<Node> functions = [];
    private readonly HashSet<int> methods = [];
    private readonly List<Node> assignments = [];
    private Dictionary<string, List<(int Start, Node Value)>>? assignmentsByName;
    private readonly Dictionary<int, List<(string Name, Node Node)>> parameters = [];

    /// <summary>The module's statements.</summary>
    public List<Node> TopLevel { get; } = [];

    /// <summary>Every call in the file, in source order, found once for all readers.</summary>
    public IReadOnlyList<Node> Calls => calls;

    /// <summary>For each of <see cref="Calls"/>, the node it sits in.</summary>
    public List<Node> CallParents { get; } = [];

    private List<string?>? callNames;
    private Dictionary<string, PythonClient>? clients;

    /// <summary>HTTP client objects of the file by the name they are bound to, found once for the readers that need them.</summary>
    public Dictionary<string, PythonClient> Clients => clients ??= HttpCalls.Clients(this);

    /// <summary>For each of <see cref="Calls"/>, the name after the last dot of its callee, so readers skip the rest cheaply.</summary>
    public IReadOnlyList<string?> CallNames => callNames ??= calls.ConvertAll(CalleeName);

    /// <summary>Every decorated function or class, in source order (outer before inner).</summary>
    public List<Node> DecoratedDefinitions { get; } = [];

    public bool ImportsModule(string top) =>
        Imports.Values.Any(i => i.Module == top || i.Module.StartsWith(top + ".", StringComparison.Ordinal));

    private void Index(Node statement)
    {
        switch (statement.Type)
        {
            case "import_statement":
                foreach (var name in statement.NamedChildren)
                {
                    if (name.Type == "dotted_name") Imports[name.NamedChild(0).Text()] = new PythonImport(name.NamedChild(0).Text(), null);
                    else if (name.Type == "aliased_import" && name.ChildByFieldName("alias") is { } alias)
                        Imports[alias.Text()] = new PythonImport(name.ChildByFieldName("name")!.Value.Text(), null);
                }
                break;
            case "import_from_statement":
                if (statement.ChildByFieldName("module_name") is not { } module) break;
                var moduleName = module.Text().Replace(" ", "", StringComparison.Ordinal);
                if (statement.NamedChildren.Any(c => c.Type == "wildcard_import")) StarImports.Add(moduleName);
                for (var i = 0; i < statement.ChildCount; i++)
                {
                    if (statement.FieldNameForChild(i) != "name") continue;
                    var child = statement.Child(i);
                    if (child.Type == "dotted_name") Imports[child.Text()] = new PythonImport(moduleName, child.Text());
                    else if (child.Type == "aliased_import" && child.ChildByFieldName("alias") is { } alias)
                        Imports[alias.Text()] = new PythonImport(moduleName, child.ChildByFieldName("name")!.Value.Text());
                }
                break;
            case "expression_statement" when statement.NamedChildCount == 1 && statement.NamedChild(0).Type == "assignment":
                var assignment = statement.NamedChild(0);
                if (assignment.ChildByFieldName("left") is { Type: "identifier" } left && assignment.ChildByFieldName("right") is { } right)
                {
                    Assignments[left.Text()] = right;
                    if (AppOf(left.Text(), right) is { } app) Apps[app.Name] = app;
                }
                break;
            case "class_definition":
                Classes[statement.ChildByFieldName("name")!.Value.Text()] = statement;
                break;
            case "function_definition":
                Functions[statement.ChildByFieldName("name")!.Value.Text()] = statement;
                break;
            case "decorated_definition" when statement.ChildByFieldName("definition") is { } definition:
                Index(definition);
                break;
            case "if_statement" or "try_statement":
                // Conditional imports (try: import ujson except ImportError) still bind names.
                foreach (var block in statement.Descendants(namedOnly: true).Where(n => n.Type == "block"))
                    foreach (var inner in block.NamedChildren)
                        if (inner.Type is "import_statement" or "import_from_statement") Index(inner);
                break;
        }
    }

    private static readonly HashSet<string> AppKinds = ["FastAPI", "APIRouter", "Flask", "Blueprint", "DefaultRouter", "SimpleRouter", "Starlette"];

    private PythonApp? AppOf(string name, Node value)
    {
        if (value.Type != "call" || value.ChildByFieldName("function") is not { } function) return null;
        var kind = function.Type switch
        {
            "identifier" => function.Text(),
            "attribute" => function.ChildByFieldName("attribute")!.Value.Text(),
            _ => null,
        };
        if (kind is null || !AppKinds.Contains(kind)) return null;
        var arguments = value.ChildByFieldName("arguments");
        var prefixArgument = kind switch { "APIRouter" => "prefix", "Blueprint" => "url_prefix", _ => null };
        var prefix = prefixArgument is not null && Keyword(arguments, prefixArgument) is { } p && PythonStrings.Evaluate(this, p) is { Known: true } known ? known.Text : "";
        var tags = Keyword(arguments, "tags") is { } t ? StringList(t) : [];
        return new PythonApp(name, kind, prefix, tags, value.Start.Line);
    }

    /// <summary>The value of keyword argument <paramref name="name"/> in an argument list.</summary>
    public static Node? Keyword(Node? arguments, string name)
    {
        if (arguments is not { } list) return null;
        foreach (var argument in list.NamedChildren)
            if (argument.Type == "keyword_argument" && argument.ChildByFieldName("name") is { } n && n.TextEquals(name))
                return argument.ChildByFieldName("value");
        return null;
    }

    /// <summary>Positional arguments (no keywords, no splats).</summary>
    public static List<Node> Positional(Node? arguments)
    {
        var positional = new List<Node>();
        if (arguments is not { } list) return positional;
        foreach (var argument in list.NamedChildren)
            if (argument.Type is not ("keyword_argument" or "list_splat" or "dictionary_splat" or "comment")) positional.Add(argument);
        return positional;
    }

    /// <summary>String items of a list or tuple literal: <c>["GET", "POST"]</c>.</summary>
    public List<string> StringList(Node node) =>
        node.Type is "list" or "tuple" or "set"
            ? node.NamedChildren.Select(item => PythonStrings.Literal(this, item)).OfType<string>().ToList()
            : PythonStrings.Literal(this, node) is { } one ? [one] : [];

    /// <summary>
    /// The mount scope an expression denotes: <c>@name</c> for a variable of this file, <c>py:module@name</c> for one
    /// imported (<c>items.router</c>, <c>items_router</c>), null when unknown. <paramref name="attributeName"/> names
    /// the variable when the expression is a module (Django's <c>include("orders.urls")</c> → <c>urlpatterns</c>).
    /// </summary>
    public string? ScopeOf(Node expression)
    {
        switch (expression.Type)
        {
            case "identifier":
                var name = expression.Text();
                if (Imports.TryGetValue(name, out var import))
                    return import.Name is null ? null : $"py:{import.Module}@{import.Name}";
                return "@" + name;
            case "attribute":
                var parts = Dotted(expression);
                if (parts is null || parts.Count < 2) return null;
                if (parts is ["self", _] && Apps.ContainsKey(expression.Text())) return "@" + expression.Text();
                if (parts[^1] == "urls" && parts.Count == 2 && !Imports.ContainsKey(parts[0])) return "@" + parts[0];
                if (!Imports.TryGetValue(parts[0], out var head)) return null;
                var module = string.Join('.', [head.AsModule, .. parts.Skip(1).SkipLast(1)]);
                return $"py:{module}@{parts[^1]}";
            default:
                return null;
        }
    }

    /// <summary><c>a.b.c</c> as its identifiers, or null when it is not a plain dotted name.</summary>
    public static List<string>? Dotted(Node expression)
    {
        var parts = new List<string>();
        var current = expression;
        while (current.Type == "attribute")
        {
            parts.Add(current.ChildByFieldName("attribute")!.Value.Text());
            current = current.ChildByFieldName("object")!.Value;
        }
        if (current.Type != "identifier") return null;
        parts.Add(current.Text());
        parts.Reverse();
        return parts;
    }

    /// <summary>The name after the last dot of a callee (<c>requests.get</c> → <c>get</c>).</summary>
    public static string? CalleeName(Node call) =>
        call.ChildByFieldName("function") switch
        {
            { Type: "identifier" } f => f.Text(),
            { Type: "attribute" } f => f.ChildByFieldName("attribute")!.Value.Text(),
            _ => null,
        };

    /// <summary>The names of a function's parameters, in order, without <c>self</c>/<c>cls</c> of methods.</summary>
    public List<(string Name, Node Node)> Parameters(Node function)
    {
        if (parameters.TryGetValue(function.StartByte, out var known)) return known;
        var result = new List<(string, Node)>();
        if (function.ChildByFieldName("parameters") is { } list)
            foreach (var parameter in list.NamedChildren)
                if (ParameterName(parameter) is { } name) result.Add((name, parameter));
        if (result.Count > 0 && result[0].Item1 is "self" or "cls" && IsMethod(function)) result.RemoveAt(0);
        parameters[function.StartByte] = result;
        return result;
    }

    public static string? ParameterName(Node parameter) => parameter.Type switch
    {
        "identifier" => parameter.Text(),
        "typed_parameter" => parameter.NamedChild(0) is { Type: "identifier" } id ? id.Text() : null,
        "default_parameter" or "typed_default_parameter" => parameter.ChildByFieldName("name")?.Text(),
        _ => null,
    };

    /// <summary>A function defined in a class body (decorated or not).</summary>
    public bool IsMethod(Node function) => methods.Contains(function.StartByte);

    /// <summary>The function definition a node sits in, if any: the innermost of the sorted function ranges that holds it.</summary>
    public Node? EnclosingFunction(Node node)
    {
        int low = 0, high = functions.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (functions[middle].StartByte <= node.StartByte) low = middle + 1;
            else high = middle;
        }
        for (var i = low - 1; i >= 0; i--)
        {
            var function = functions[i];
            if (function.EndByte >= node.EndByte && !(function.StartByte == node.StartByte && function.EndByte == node.EndByte)) return function;
        }
        return null;
    }

    /// <summary>The value of the last <c>name = ...</c> inside <paramref name="function"/> that ends before <paramref name="before"/>.</summary>
    public Node? LastAssignmentBefore(Node function, string name, int before)
    {
        if (assignmentsByName is null)
        {
            assignmentsByName = new Dictionary<string, List<(int, Node)>>(StringComparer.Ordinal);
            foreach (var assignment in assignments)
            {
                if (assignment.ChildByFieldName("left") is not { Type: "identifier" } left || assignment.ChildByFieldName("right") is not { } right) continue;
                var key = left.Text();
                if (!assignmentsByName.TryGetValue(key, out var list)) assignmentsByName[key] = list = [];
                list.Add((assignment.StartByte, right));
            }
        }
        if (!assignmentsByName.TryGetValue(name, out var candidates) || function.ChildByFieldName("body") is not { } body) return null;
        Node? found = null;
        foreach (var (start, value) in candidates)
        {
            if (start >= before) break;
            if (start >= body.StartByte && start < body.EndByte && value.EndByte <= before) found = value;
        }
        return found;
    }

    public static int Line(Node node) => node.Start.Line;
}
