using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Django URL configurations: <c>urlpatterns = [path(...), re_path(...)]</c> with <c>include()</c> mounts, views whose
/// methods are known in the file (class-based views, <c>@api_view</c>, <c>@require_http_methods</c>), and Django REST
/// Framework routers (<c>router.register</c> → the viewset's list and detail routes, plus its <c>@action</c>s).
/// </summary>
internal static class Django
{
    private const string Framework = "django";
    private static readonly HashSet<string> PathFunctions = ["path", "re_path", "url"];
    private static readonly string[] ViewMethods = ["get", "post", "put", "patch", "delete"];
    private const string UnknownMethods = "Django view: methods not declared in this file";

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        if (!file.ImportsModule("django") && !file.ImportsModule("rest_framework")) return;
        foreach (var statement in file.Root.NamedChildren)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (statement.Type != "expression_statement" || statement.NamedChildCount != 1) continue;
            var assignment = statement.NamedChild(0);
            if (assignment.Type is not ("assignment" or "augmented_assignment") || assignment.ChildByFieldName("left") is not { Type: "identifier" } left
                || assignment.ChildByFieldName("right") is not { } right) continue;
            var scope = "@" + left.Text();
            if (right.Type == "list") Patterns(file, sink, right, scope, "");
            else if (right.Type == "attribute" && PythonFile.Dotted(right) is [var router, "urls"])
                sink.Mounts.Add(new MountFact("@" + router, scope, "", PythonFile.Line(right)));
        }
        for (var i = 0; i < file.Calls.Count; i++)
            if (file.CallNames[i] == "register" && file.Calls[i] is var call && call.ChildByFieldName("function") is { Type: "attribute" } function
                && function.ChildByFieldName("object") is { Type: "identifier" } owner
                && file.Apps.TryGetValue(owner.Text(), out var app) && app.Kind is "DefaultRouter" or "SimpleRouter")
                Register(file, sink, "@" + owner.Text(), call);
    }

    private static void Patterns(PythonFile file, FactSink sink, Node list, string scope, string prefix)
    {
        foreach (var item in list.NamedChildren)
        {
            if (item.Type != "call" || PythonFile.CalleeName(item) is not { } name || !PathFunctions.Contains(name)) continue;
            var positional = PythonFile.Positional(item.ChildByFieldName("arguments"));
            if (positional.Count < 2) continue;
            var route = PythonStrings.Evaluate(file, positional[0]);
            var view = positional[1];
            if (view.Type == "call" && PythonFile.CalleeName(view) == "include")
            {
                var included = PythonFile.Positional(view.ChildByFieldName("arguments")).FirstOrDefault();
                if (included.Tree is null) continue;
                if (included.Type == "tuple" && included.NamedChildCount > 0) included = included.NamedChild(0);
                if (included.Type == "list") { Patterns(file, sink, included, scope, prefix + route.Text); continue; }
                var mounted = Included(file, included);
                if (mounted is not null) sink.Mounts.Add(new MountFact(mounted, scope, prefix + route.Text, PythonFile.Line(item)));
                continue;
            }
            // admin.site.urls and other third-party URL configurations are not this repo's API.
            if (PythonFile.Dotted(view) is [_, .., "urls"]) continue;
            var (methods, handler, known) = ViewMethodsOf(file, view);
            foreach (var method in methods)
                sink.Endpoints.Add(Endpoint(method, prefix + route.Text, scope, PythonFile.Line(item), handler,
                    known ? null : 0.6, known ? null : UnknownMethods));
        }
    }

    /// <summary>The scope an <c>include()</c> names: a module (<c>"orders.urls"</c>, an imported module) or a router's <c>urls</c>.</summary>
    private static string? Included(PythonFile file, Node included)
    {
        if (PythonStrings.Literal(file, included) is { } module) return $"py:{module}@urlpatterns";
        if (included.Type == "attribute" && PythonFile.Dotted(included) is [var router, "urls"] && !file.Imports.ContainsKey(router)) return "@" + router;
        if (included.Type == "identifier" && file.Imports.TryGetValue(included.Text(), out var import)) return $"py:{import.AsModule}@urlpatterns";
        return file.ScopeOf(included);
    }

    private static (List<string> Methods, string? Handler, bool Known) ViewMethodsOf(PythonFile file, Node view)
    {
        if (view.Type == "call" && PythonFile.CalleeName(view) == "as_view" && view.ChildByFieldName("function")!.Value.ChildByFieldName("object") is { } classNode)
        {
            var className = PythonFile.Dotted(classNode) is { } d ? d[^1] : classNode.Text();
            if (PythonFile.Positional(view.ChildByFieldName("arguments")).FirstOrDefault() is { Tree: not null, Type: "dictionary" } actions)
            {
                var verbs = actions.NamedChildren.Where(p => p.Type == "pair").Select(p => PythonStrings.Literal(file, p.ChildByFieldName("key")!.Value))
                    .OfType<string>().Select(v => v.ToUpperInvariant()).ToList();
                return (verbs, className, true);
            }
            if (file.Classes.TryGetValue(className, out var @class))
            {
                var declared = ViewMethods.Where(m => Flask.HasMethod(@class, m)).Select(m => m.ToUpperInvariant()).ToList();
                if (declared.Count > 0) return (declared, className, true);
            }
            return (["GET"], className, false);
        }
        var name = PythonFile.Dotted(view) is { } parts ? parts[^1] : view.Text();
        if (file.Functions.TryGetValue(name, out var function) && DecoratedMethods(file, function) is { Count: > 0 } methods)
            return (methods, name, true);
        return (["GET"], name, false);
    }

    /// <summary><c>@api_view(["GET", "POST"])</c>, <c>@require_http_methods([...])</c>, <c>@require_POST</c>.</summary>
    private static List<string>? DecoratedMethods(PythonFile file, Node function)
    {
        if (function.Parent is not { Type: "decorated_definition" } decorated) return null;
        foreach (var decorator in decorated.NamedChildren.Where(c => c.Type == "decorator"))
        {
            var expression = decorator.NamedChild(0);
            var name = expression.Type == "call" ? PythonFile.CalleeName(expression) : PythonFile.Dotted(expression)?[^1];
            switch (name)
            {
                case "api_view" or "require_http_methods" when expression.Type == "call":
                    return PythonFile.Positional(expression.ChildByFieldName("arguments")).FirstOrDefault() is { Tree: not null } list
                        ? file.StringList(list).Select(m => m.ToUpperInvariant()).ToList() : ["GET"];
                case "api_view": return ["GET"];
                case "require_GET" or "require_safe": return ["GET"];
                case "require_POST": return ["POST"];
            }
        }
        return null;
    }

    /// <summary><c>router.register(r"orders", OrderViewSet)</c> → <c>orders/</c> and <c>orders/{pk}/</c> routes.</summary>
    private static void Register(PythonFile file, FactSink sink, string scope, Node call)
    {
        var positional = PythonFile.Positional(call.ChildByFieldName("arguments"));
        if (positional.Count < 2 || PythonStrings.Literal(file, positional[0]) is not { } prefix) return;
        prefix = prefix.TrimStart('^').TrimEnd('$').Trim('/');
        var viewset = PythonFile.Dotted(positional[1]) is { } d ? d[^1] : positional[1].Text();
        var line = PythonFile.Line(call);
        var list = $"{prefix}/";
        var detail = $"{prefix}/{{pk}}/";
        if (!file.Classes.TryGetValue(viewset, out var @class))
        {
            const string assumed = "viewset declared elsewhere: ModelViewSet routes assumed";
            foreach (var method in (string[])["GET", "POST"]) sink.Endpoints.Add(Endpoint(method, list, scope, line, viewset, 0.8, assumed));
            foreach (var method in (string[])["GET", "PUT", "PATCH", "DELETE"]) sink.Endpoints.Add(Endpoint(method, detail, scope, line, viewset, 0.8, assumed));
            return;
        }
        var actions = ViewSetActions(file, @class, 0);
        void Add(string action, string method, string path)
        {
            if (actions.Contains(action)) sink.Endpoints.Add(Endpoint(method, path, scope, line, $"{viewset}.{action}", null, null));
        }
        Add("list", "GET", list);
        Add("create", "POST", list);
        Add("retrieve", "GET", detail);
        Add("update", "PUT", detail);
        Add("partial_update", "PATCH", detail);
        Add("destroy", "DELETE", detail);
        foreach (var (name, isDetail, methods, urlPath, actionLine) in Actions(file, @class))
            foreach (var method in methods)
                sink.Endpoints.Add(Endpoint(method, (isDetail ? detail : list) + urlPath + "/", scope, actionLine, $"{viewset}.{name}", null, null));
    }

    private static readonly Dictionary<string, string[]> ViewSetBases = new(StringComparer.Ordinal)
    {
        ["ModelViewSet"] = ["list", "create", "retrieve", "update", "partial_update", "destroy"],
        ["ReadOnlyModelViewSet"] = ["list", "retrieve"],
        ["ListModelMixin"] = ["list"],
        ["CreateModelMixin"] = ["create"],
        ["RetrieveModelMixin"] = ["retrieve"],
        ["UpdateModelMixin"] = ["update", "partial_update"],
        ["DestroyModelMixin"] = ["destroy"],
    };

    private static HashSet<string> ViewSetActions(PythonFile file, Node @class, int depth)
    {
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in (string[])["list", "create", "retrieve", "update", "partial_update", "destroy"])
            if (Flask.HasMethod(@class, action)) actions.Add(action);
        if (@class.ChildByFieldName("superclasses") is not { } bases || depth > 8) return actions;
        foreach (var b in bases.NamedChildren)
        {
            var name = PythonFile.Dotted(b) is { } d ? d[^1] : b.Text();
            if (ViewSetBases.TryGetValue(name, out var inherited)) actions.UnionWith(inherited);
            else if (file.Classes.TryGetValue(name, out var parent)) actions.UnionWith(ViewSetActions(file, parent, depth + 1));
        }
        return actions;
    }

    /// <summary><c>@action(detail=True, methods=["post"], url_path="ship")</c> methods of a viewset.</summary>
    private static IEnumerable<(string Name, bool Detail, List<string> Methods, string UrlPath, int Line)> Actions(PythonFile file, Node @class)
    {
        if (@class.ChildByFieldName("body") is not { } body) yield break;
        foreach (var decorated in body.NamedChildren.Where(s => s.Type == "decorated_definition"))
        {
            var function = decorated.ChildByFieldName("definition")!.Value;
            var name = function.ChildByFieldName("name")!.Value.Text();
            foreach (var decorator in decorated.NamedChildren.Where(c => c.Type == "decorator"))
            {
                var call = decorator.NamedChild(0);
                if (call.Type != "call" || PythonFile.CalleeName(call) != "action") continue;
                var arguments = call.ChildByFieldName("arguments");
                var methods = PythonFile.Keyword(arguments, "methods") is { } m ? file.StringList(m).Select(x => x.ToUpperInvariant()).ToList() : ["GET"];
                var urlPath = PythonFile.Keyword(arguments, "url_path") is { } u && PythonStrings.Literal(file, u) is { } path ? path : name;
                yield return (name, PythonFile.Keyword(arguments, "detail") is { Type: "true" }, methods, urlPath, PythonFile.Line(decorator));
            }
        }
    }

    private static EndpointFact Endpoint(string method, string path, string scope, int line, string? handler, double? confidence, string? note) => new()
    {
        Method = method,
        Path = path,
        Source = EndpointSources.Code,
        Framework = Framework,
        Line = line,
        Scope = scope,
        Handler = handler,
        Parameters = PythonRoutes.PathParameters(path).Select(p => new ApiParameter(p.Name, "path", true, PythonRoutes.ConverterSchema(p.Converter))).ToList(),
        Confidence = confidence,
        Note = note,
    };
}
