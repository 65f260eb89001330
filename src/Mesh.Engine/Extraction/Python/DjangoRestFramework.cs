using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Django REST Framework viewsets and routers. A viewset class is a scope (<c>@OrderViewSet</c>) whose routes are class
/// members relative to where a router registers it: <c>""</c> for <c>list</c>/<c>create</c>, <c>{pk}/</c> (or its
/// <c>lookup_field</c>) for <c>retrieve</c>/<c>update</c>/<c>partial_update</c>/<c>destroy</c>, as far as its methods and
/// bases say (<c>ModelViewSet</c>, <c>ReadOnlyModelViewSet</c>, the mixins), plus its <c>@action</c>s.
/// <c>router.register("orders", OrderViewSet)</c> mounts the viewset, declared here or imported, at <c>orders/</c> in the
/// router; a base class imported from another module is mounted into the class, so the resolver adds what it inherits.
/// </summary>
internal static class DjangoRestFramework
{
    private const string Framework = "django";
    private const string Lookup = "pk";

    private static readonly (string Action, string Method, bool Detail)[] StandardActions =
    [
        ("list", "GET", false), ("create", "POST", false), ("retrieve", "GET", true),
        ("update", "PUT", true), ("partial_update", "PATCH", true), ("destroy", "DELETE", true),
    ];

    /// <summary>DRF's own bases and the actions each brings.</summary>
    private static readonly Dictionary<string, string[]> FrameworkBases = new(StringComparer.Ordinal)
    {
        ["ViewSet"] = [],
        ["GenericViewSet"] = [],
        ["ViewSetMixin"] = [],
        ["ModelViewSet"] = ["list", "create", "retrieve", "update", "partial_update", "destroy"],
        ["ReadOnlyModelViewSet"] = ["list", "retrieve"],
        ["ListModelMixin"] = ["list"],
        ["CreateModelMixin"] = ["create"],
        ["RetrieveModelMixin"] = ["retrieve"],
        ["UpdateModelMixin"] = ["update", "partial_update"],
        ["DestroyModelMixin"] = ["destroy"],
    };

    private static readonly HashSet<string> RouterKinds = ["DefaultRouter", "SimpleRouter"];
    private static readonly string[] ThirdParty = ["rest_framework", "django"];
    private const int MaxDepth = 8;

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var usesDrf = file.ImportsModule("rest_framework");
        foreach (var (name, @class) in file.Classes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isViewSet = IsViewSet(file, name, 0);
            var actions = Actions(file, @class, 0);
            if (!isViewSet && actions.Count == 0 && !usesDrf) continue;
            var scope = "@" + name;
            if (isViewSet || actions.Count > 0)
            {
                var lookup = Attribute(file, @class, "lookup_url_kwarg", 0) ?? Attribute(file, @class, "lookup_field", 0) ?? Lookup;
                var detail = $"{{{lookup}}}/";
                if (isViewSet)
                    foreach (var (action, method, isDetail) in StandardActions)
                        if (Provides(file, @class, action) is { } line)
                            sink.Endpoints.Add(Endpoint(method, isDetail ? detail : "", scope, line, $"{name}.{action}"));
                foreach (var extra in actions)
                    sink.Endpoints.Add(Endpoint(extra.Method, (extra.Detail ? detail : "") + extra.UrlPath + "/", scope, extra.Line, $"{name}.{extra.Function}"));
            }
            foreach (var inherited in ImportedBases(file, @class))
                sink.Mounts.Add(new MountFact(inherited, scope, "", PythonFile.Line(@class), Inherited: true));
        }
        for (var i = 0; i < file.Calls.Count; i++)
            if (file.CallNames[i] == "register") Register(file, sink, file.Calls[i]);
    }

    /// <summary><c>router.register(r"orders", OrderViewSet)</c> on a router of this file or an imported one: the viewset mounted at <c>orders/</c>.</summary>
    private static void Register(PythonFile file, FactSink sink, Node call)
    {
        if (call.ChildByFieldName("function") is not { Type: "attribute" } function || function.ChildByFieldName("object") is not { Type: "identifier" } owner) return;
        var router = owner.Text();
        string? parent = file.Apps.TryGetValue(router, out var app) ? (RouterKinds.Contains(app.Kind) ? "@" + router : null)
            : file.Imports.ContainsKey(router) ? file.ScopeOf(owner) : null;
        var positional = PythonFile.Positional(call.ChildByFieldName("arguments"));
        if (parent is null || positional.Count < 2 || PythonStrings.Literal(file, positional[0]) is not { } written) return;
        var prefix = Django.FromRegex(written).Trim('/');
        foreach (var viewSet in ViewSetScopes(file, positional[1]))
            sink.Mounts.Add(new MountFact(viewSet, parent, prefix.Length == 0 ? "" : prefix + "/", PythonFile.Line(call)));
    }

    /// <summary>The scope a registered viewset names; a name that only a star import can bring may come from any of them.</summary>
    private static IEnumerable<string> ViewSetScopes(PythonFile file, Node viewSet)
    {
        if (viewSet.Type == "identifier" && !file.Classes.ContainsKey(viewSet.Text()) && !file.Imports.ContainsKey(viewSet.Text()) && file.StarImports.Count > 0)
            return file.StarImports.Select(module => $"py:{module}@{viewSet.Text()}");
        return file.ScopeOf(viewSet) is { } scope ? [scope] : [];
    }

    private static IEnumerable<(string Name, Node Node)> Bases(Node @class) =>
        @class.ChildByFieldName("superclasses") is { } list
            ? list.NamedChildren.Where(b => b.Type is "identifier" or "attribute").Select(b => (PythonFile.Dotted(b) is { } d ? d[^1] : b.Text(), b))
            : [];

    /// <summary>A viewset by its bases (DRF's, one named <c>*ViewSet</c>, or a viewset of this file) or by its own name.</summary>
    private static bool IsViewSet(PythonFile file, string name, int depth) =>
        depth < MaxDepth && file.Classes.TryGetValue(name, out var @class)
        && (depth == 0 && name.EndsWith("ViewSet", StringComparison.Ordinal)
            || Bases(@class).Any(b => FrameworkBases.ContainsKey(b.Name) || b.Name.EndsWith("ViewSet", StringComparison.Ordinal) || IsViewSet(file, b.Name, depth + 1)));

    /// <summary>
    /// Where the class gets <paramref name="action"/>: the line of its own method or of a method of a base in this file, or
    /// of the class itself when a DRF base brings it; null when nothing in this file does.
    /// </summary>
    private static int? Provides(PythonFile file, Node @class, string action) =>
        Provider(file, @class, action, 0) switch { null => null, 0 => PythonFile.Line(@class), var line => line };

    /// <summary>The line of the method that defines <paramref name="action"/> in the class or its bases here, 0 when a DRF base brings it.</summary>
    private static int? Provider(PythonFile file, Node @class, string action, int depth)
    {
        if (Method(@class, action) is { } own) return PythonFile.Line(own);
        foreach (var (name, _) in Bases(@class))
        {
            if (FrameworkBases.TryGetValue(name, out var brought) && brought.Contains(action)) return 0;
            if (depth < MaxDepth && file.Classes.TryGetValue(name, out var parent) && Provider(file, parent, action, depth + 1) is { } line) return line;
        }
        return null;
    }

    private static Node? Method(Node @class, string name)
    {
        if (@class.ChildByFieldName("body") is not { } body) return null;
        foreach (var statement in body.NamedChildren)
        {
            var function = statement.Type == "decorated_definition" ? statement.ChildByFieldName("definition") : statement;
            if (function is { Type: "function_definition" } f && f.ChildByFieldName("name")?.Text() == name) return f;
        }
        return null;
    }

    /// <summary>A string class attribute (<c>lookup_field = "slug"</c>) of the class or a base in this file.</summary>
    private static string? Attribute(PythonFile file, Node @class, string name, int depth)
    {
        if (@class.ChildByFieldName("body") is { } body)
            foreach (var statement in body.NamedChildren)
                if (statement.Type == "expression_statement" && statement.NamedChildCount == 1 && statement.NamedChild(0) is { Type: "assignment" } assignment
                    && assignment.ChildByFieldName("left") is { Type: "identifier" } left && left.Text() == name
                    && assignment.ChildByFieldName("right") is { } right && PythonStrings.Literal(file, right) is { } value)
                    return value;
        if (depth >= MaxDepth) return null;
        foreach (var (baseName, _) in Bases(@class))
            if (file.Classes.TryGetValue(baseName, out var parent) && Attribute(file, parent, name, depth + 1) is { } inherited)
                return inherited;
        return null;
    }

    /// <summary>Bases imported from another module of the repo (not DRF's or Django's): the resolver adds their routes.</summary>
    private static IEnumerable<string> ImportedBases(PythonFile file, Node @class)
    {
        foreach (var (name, node) in Bases(@class))
        {
            if (FrameworkBases.ContainsKey(name) || file.Classes.ContainsKey(name)) continue;
            var head = PythonFile.Dotted(node)?[0];
            if (head is null || !file.Imports.TryGetValue(head, out var import)) continue;
            if (ThirdParty.Any(top => import.Module == top || import.Module.StartsWith(top + ".", StringComparison.Ordinal))) continue;
            if (file.ScopeOf(node) is { } scope) yield return scope;
        }
    }

    private sealed record ExtraAction(string Function, string Method, bool Detail, string UrlPath, int Line);

    /// <summary>
    /// <c>@action(detail=True, methods=["post"], url_path="ship")</c> methods of the class and of its bases in this file (the
    /// class's own first), with the methods <c>@ship.mapping.delete</c> adds to an action's route.
    /// </summary>
    private static List<ExtraAction> Actions(PythonFile file, Node @class, int depth)
    {
        var result = new List<ExtraAction>();
        if (@class.ChildByFieldName("body") is not { } body) return result;
        var mappings = new List<(string Action, string Method, string Function, int Line)>();
        foreach (var decorated in body.NamedChildren)
        {
            if (decorated.Type != "decorated_definition" || decorated.ChildByFieldName("definition") is not { Type: "function_definition" } function) continue;
            var name = function.ChildByFieldName("name")!.Value.Text();
            foreach (var decorator in decorated.NamedChildren)
            {
                if (decorator.Type != "decorator" || decorator.NamedChildCount == 0) continue;
                var expression = decorator.NamedChild(0);
                // DRF's @action or @decorators.action; Django admin's @admin.action is no route.
                if (expression.Type == "call" && PythonFile.Dotted(expression.ChildByFieldName("function")!.Value) is ["action"] or [.., "decorators", "action"])
                {
                    var arguments = expression.ChildByFieldName("arguments");
                    var methods = PythonFile.Keyword(arguments, "methods") is { } m ? file.StringList(m).Select(x => x.ToUpperInvariant()).ToList() : ["GET"];
                    var urlPath = PythonFile.Keyword(arguments, "url_path") is { } u && PythonStrings.Literal(file, u) is { } path ? Django.FromRegex(path).Trim('/') : name;
                    var isDetail = PythonFile.Keyword(arguments, "detail") is { Type: "true" };
                    foreach (var method in methods.Distinct(StringComparer.Ordinal))
                        result.Add(new ExtraAction(name, method, isDetail, urlPath, PythonFile.Line(decorator)));
                }
                else if (PythonFile.Dotted(expression) is [var action, "mapping", var verb])
                    mappings.Add((action, verb.ToUpperInvariant(), name, PythonFile.Line(decorator)));
            }
        }
        foreach (var (action, method, function, line) in mappings)
            if (result.FirstOrDefault(a => a.Function == action) is { } mapped)
                result.Add(new ExtraAction(function, method, mapped.Detail, mapped.UrlPath, line));
        if (depth >= MaxDepth) return result;
        foreach (var (baseName, _) in Bases(@class))
            if (file.Classes.TryGetValue(baseName, out var parent))
                foreach (var inherited in Actions(file, parent, depth + 1))
                    if (!result.Any(a => a.Function == inherited.Function)) result.Add(inherited);
        return result;
    }

    private static EndpointFact Endpoint(string method, string path, string scope, int line, string handler) => new()
    {
        Method = method,
        Path = path,
        Source = EndpointSources.Code,
        Framework = Framework,
        Line = line,
        Scope = scope,
        ClassMember = true,
        Handler = handler,
        Parameters = PythonRoutes.PathApiParameters(path),
    };
}
