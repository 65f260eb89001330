using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Django URL configurations: <c>urlpatterns = [path(...), re_path(...)]</c> (also built with <c>+</c> and <c>+=</c>)
/// with <c>include()</c> mounts — of modules, lists and routers' <c>urls</c>, in this file or imported — and views whose
/// methods are known in the file (class-based views, <c>@api_view</c>, <c>@require_http_methods</c>). <c>re_path</c>
/// patterns become templates (<c>(?P&lt;pk&gt;[0-9]+)</c> → <c>{pk}</c>). DRF routers are <see cref="DjangoRestFramework"/>.
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
        foreach (var statement in file.TopLevel)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (statement.Type != "expression_statement" || statement.NamedChildCount != 1) continue;
            var assignment = statement.NamedChild(0);
            if (assignment.Type is not ("assignment" or "augmented_assignment") || assignment.ChildByFieldName("left") is not { Type: "identifier" } left
                || assignment.ChildByFieldName("right") is not { } right) continue;
            Value(file, sink, right, "@" + left.Text());
        }
    }

    /// <summary>What a URL configuration variable is assigned: a list of patterns, a router's <c>urls</c>, or a sum of those.</summary>
    private static void Value(PythonFile file, FactSink sink, Node value, string scope)
    {
        switch (value.Type)
        {
            case "list":
                Patterns(file, sink, value, scope, "");
                break;
            case "binary_operator" when value.ChildByFieldName("operator")?.Text() == "+":
                Value(file, sink, value.ChildByFieldName("left")!.Value, scope);
                Value(file, sink, value.ChildByFieldName("right")!.Value, scope);
                break;
            case "attribute":
                foreach (var mounted in Urls(file, value)) sink.Mounts.Add(new MountFact(mounted, scope, "", PythonFile.Line(value)));
                break;
        }
    }

    /// <summary>
    /// What <c>X.urls</c> names: the routes of router <c>X</c> (of this file or imported), or the <c>urlpatterns</c> of
    /// module <c>X.urls</c>. From an import alone both can be meant; a scope that declares nothing mounts nothing.
    /// </summary>
    private static IEnumerable<string> Urls(PythonFile file, Node value)
    {
        if (PythonFile.Dotted(value) is not [var head, .. var rest] || rest.Count == 0 || rest[^1] != "urls") yield break;
        if (file.ScopeOf(value.ChildByFieldName("object")!.Value) is { } router) yield return router;
        if (file.Imports.TryGetValue(head, out var import)) yield return $"py:{string.Join('.', [import.AsModule, .. rest])}@urlpatterns";
    }

    private static void Patterns(PythonFile file, FactSink sink, Node list, string scope, string prefix)
    {
        foreach (var item in list.NamedChildren)
        {
            if (item.Type != "call" || PythonFile.CalleeName(item) is not { } name || !PathFunctions.Contains(name)) continue;
            var positional = PythonFile.Positional(item.ChildByFieldName("arguments"));
            if (positional.Count < 2) continue;
            var written = PythonStrings.Evaluate(file, positional[0]);
            var route = name == "path" ? written : written with { Text = FromRegex(written.Text) };
            var view = positional[1];
            if (view.Type == "call" && PythonFile.CalleeName(view) == "include")
            {
                var included = PythonFile.Positional(view.ChildByFieldName("arguments")).FirstOrDefault();
                if (included.Tree is null) continue;
                if (included.Type == "tuple" && included.NamedChildCount > 0) included = included.NamedChild(0);
                if (included.Type == "list") { Patterns(file, sink, included, scope, prefix + route.Text); continue; }
                foreach (var mounted in Included(file, included))
                    sink.Mounts.Add(new MountFact(mounted, scope, prefix + route.Text, PythonFile.Line(item)));
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

    /// <summary>
    /// The scopes an <c>include()</c> names: a module (<c>"orders.urls"</c>, an imported module), a router's or a module's
    /// <c>urls</c>, a list of patterns. An imported name may be a module or a variable of one: both are mounted.
    /// </summary>
    private static IEnumerable<string> Included(PythonFile file, Node included)
    {
        if (PythonStrings.Literal(file, included) is { } module) return [$"py:{module}@urlpatterns"];
        if (included.Type == "attribute" && PythonFile.Dotted(included) is [.., "urls"]) return Urls(file, included);
        if (included.Type == "identifier" && file.Imports.TryGetValue(included.Text(), out var import))
            return import.Name is null or "urlpatterns"
                ? [$"py:{import.Module}@urlpatterns"]
                : [$"py:{import.AsModule}@urlpatterns", $"py:{import.Module}@{import.Name}"];
        return file.ScopeOf(included) is { } scope ? [scope] : [];
    }

    /// <summary>
    /// A <c>re_path</c> pattern as a route template: anchors dropped, named groups as <c>{name}</c>, other capturing groups
    /// as <c>{param}</c>, optional groups and an optional trailing slash left out, escaped characters unescaped.
    /// </summary>
    public static string FromRegex(string pattern)
    {
        var text = pattern.StartsWith('^') ? pattern[1..] : pattern;
        if (text.EndsWith('$') && !text.EndsWith("\\$", StringComparison.Ordinal)) text = text[..^1];
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                result.Append(text[++i]);
                continue;
            }
            if (c == '(')
            {
                var end = GroupEnd(text, i);
                var optional = end + 1 < text.Length && text[end + 1] is '?' or '*';
                if (text.AsSpan(i).StartsWith("(?P<") && text.IndexOf('>', i) is var close and > 0 && close < end)
                    result.Append('{').Append(text, i + 4, close - i - 4).Append('}');
                else if (text.AsSpan(i).StartsWith("(?:"))
                {
                    if (!optional) result.Append(FromRegex(text[(i + 3)..end]));
                }
                else if (!text.AsSpan(i).StartsWith("(?")) result.Append("{param}");
                i = end + (end + 1 < text.Length && text[end + 1] is '?' or '*' or '+' ? 1 : 0);
                continue;
            }
            if (c == '?' && i == text.Length - 1 && result.Length > 0 && result[^1] == '/') continue;
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>The index of the ')' closing the group opened at <paramref name="open"/>; escapes and character classes skipped.</summary>
    private static int GroupEnd(string text, int open)
    {
        var depth = 0;
        var inClass = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (inClass) { if (c == ']') inClass = false; continue; }
            if (c == '[') inClass = true;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return text.Length - 1;
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

    private static EndpointFact Endpoint(string method, string path, string scope, int line, string? handler, double? confidence, string? note) => new()
    {
        Method = method,
        Path = path,
        Source = EndpointSources.Code,
        Framework = Framework,
        Line = line,
        Scope = scope,
        Handler = handler,
        Parameters = PythonRoutes.PathApiParameters(path),
        Confidence = confidence,
        Note = note,
    };
}
