using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Flask: <c>@app.route(path, methods=[...])</c> and shorthands on apps and blueprints (with <c>url_prefix</c> at
/// creation), <c>add_url_rule</c> with functions and <c>MethodView</c> classes, <c>register_blueprint</c> mounts.
/// </summary>
internal static class Flask
{
    private const string Framework = "flask";
    private static readonly string[] ViewMethods = ["get", "post", "put", "patch", "delete"];

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var query = QuerySource.Load(Language.Python, "Python/Flask.scm");
        foreach (var match in PythonRoutes.DecoratorMatches(file, query, cancellationToken))
        {
            var target = PythonRoutes.Target(file, match["router"]!.Value);
            if (target.Framework != Framework) continue;
            var verb = match["verb"]!.Value.Text();
            var arguments = match["arguments"]!.Value;
            var methods = verb == "route" ? Methods(file, arguments) ?? ["GET"] : [verb.ToUpperInvariant()];
            var handler = match["handler"]!.Value;
            Add(file, sink, target, arguments, methods, PythonFile.Line(match["route"]!.Value), handler.ChildByFieldName("name")?.Text(), PythonRoutes.DocSummary(handler));
        }
        for (var i = 0; i < file.Calls.Count; i++)
        {
            if (file.CallNames[i] is not ("add_url_rule" or "register_blueprint")) continue;
            var call = file.Calls[i];
            if (call.ChildByFieldName("function") is not { Type: "attribute" } function) continue;
            var owner = function.ChildByFieldName("object")!.Value;
            var arguments = call.ChildByFieldName("arguments");
            switch (file.CallNames[i])
            {
                case "add_url_rule":
                    var target = PythonRoutes.Target(file, owner);
                    if (target.Framework == Framework) UrlRule(file, sink, target, call, arguments);
                    break;
                case "register_blueprint":
                    if (PythonFile.Positional(arguments).FirstOrDefault() is not { Tree: not null } blueprint || file.ScopeOf(blueprint) is not { } scope) break;
                    var parent = PythonRoutes.IsRootApp(file, owner) ? null : file.ScopeOf(owner);
                    var prefix = PythonFile.Keyword(arguments, "url_prefix") is { } p ? PythonStrings.Evaluate(file, p).Text : "";
                    sink.Mounts.Add(new MountFact(scope, parent, prefix, PythonFile.Line(call)));
                    break;
            }
        }
    }

    private static List<string>? Methods(PythonFile file, Node? arguments) =>
        PythonFile.Keyword(arguments, "methods") is { } m ? file.StringList(m).Select(x => x.ToUpperInvariant()).ToList() : null;

    /// <summary><c>app.add_url_rule("/users/&lt;int:id&gt;", view_func=UserApi.as_view("user"))</c>.</summary>
    private static void UrlRule(PythonFile file, FactSink sink, RouterTarget target, Node call, Node? arguments)
    {
        var positional = PythonFile.Positional(arguments);
        var view = PythonFile.Keyword(arguments, "view_func") ?? (positional.Count > 2 ? positional[2] : null);
        var methods = Methods(file, arguments);
        string? handler = null;
        if (view is { Type: "call" } asView && PythonFile.CalleeName(asView) == "as_view"
            && asView.ChildByFieldName("function")!.Value.ChildByFieldName("object") is { Type: "identifier" } viewClass)
        {
            handler = viewClass.Text();
            if (methods is null && file.Classes.TryGetValue(handler, out var @class))
                methods = ViewMethods.Where(m => HasMethod(@class, m)).Select(m => m.ToUpperInvariant()).ToList();
        }
        else if (view is { Type: "identifier" } function) handler = function.Text();
        Add(file, sink, target, arguments, methods is { Count: > 0 } ? methods : ["GET"], PythonFile.Line(call), handler, null);
    }

    public static bool HasMethod(Node @class, string name) =>
        @class.ChildByFieldName("body") is { } body && body.NamedChildren.Any(s =>
            (s.Type == "function_definition" ? s : s.Type == "decorated_definition" ? s.ChildByFieldName("definition") : null) is { } f
            && f.ChildByFieldName("name")?.Text() == name);

    private static void Add(PythonFile file, FactSink sink, RouterTarget target, Node? arguments, List<string> methods, int line, string? handler, string? summary)
    {
        var pathNode = PythonFile.Positional(arguments).FirstOrDefault() is { Tree: not null } first ? first : PythonFile.Keyword(arguments, "rule");
        var path = pathNode is { } pn ? PythonStrings.Evaluate(file, pn) : new PythonText("");
        var fullPath = PythonRoutes.JoinPath(target.Prefix, path.Text);
        var parameters = PythonRoutes.PathApiParameters(fullPath);
        foreach (var method in methods.Where(m => m is not ("HEAD" or "OPTIONS")).Distinct(StringComparer.Ordinal))
        {
            sink.Endpoints.Add(new EndpointFact
            {
                Method = method,
                Path = fullPath,
                Source = EndpointSources.Code,
                Framework = Framework,
                Line = line,
                Scope = target.Scope,
                Summary = summary,
                Parameters = parameters,
                Handler = handler,
                Note = path.Known ? null : $"route partly unknown: {path.Unknown ?? path.BaseHint}",
                Confidence = path.Known ? null : 0.5,
            });
        }
    }
}
