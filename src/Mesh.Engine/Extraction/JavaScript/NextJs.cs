using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Next.js route handlers. App router: exported <c>GET</c>/<c>POST</c>/... functions (scope <c>fs:nextjs-app</c>).
/// Pages API: a default-exported <c>(req, res)</c> handler (scope <c>fs:nextjs-pages</c>), one endpoint per method the
/// handler tests its request's method against (if, guard, switch, includes; destructured or not), or a less certain GET. The path comes from the file's place, which the
/// resolver knows and checks; the bytes only say what the file exports. Patterns in <c>NextJs.scm</c>.
/// </summary>
internal static class NextJs
{
    public const string AppScope = "fs:nextjs-app";
    public const string PagesScope = "fs:nextjs-pages";

    private static readonly HashSet<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var defaults = new List<Node>();
        foreach (var match in file.Matches("JavaScript/NextJs.scm"))
        {
            if (match["default"] is { } export) defaults.Add(export);
            else
            {
                var handler = match["handler"]!.Value;
                var name = match["method"]!.Value.Text();
                sink.Endpoints.Add(Endpoint(name, AppScope, handler.Start.Line, match["function"]?.Text() ?? name));
            }
        }
        foreach (var export in defaults)
            if (PagesHandler(file, export) is { } handler)
                AddPagesEndpoints(sink, handler, export, cancellationToken);
    }

    /// <summary>The function a default export names, when it takes <c>(req, res)</c> (a page component takes one argument).</summary>
    private static Node? PagesHandler(JsFile file, Node export)
    {
        var value = export.ChildByFieldName("declaration") ?? export.ChildByFieldName("value");
        for (var hops = 0; value is { } v && hops < 4; hops++)
        {
            v = JsFile.Strip(v);
            if (JsFile.IsFunction(v)) return JsFile.Parameters(v).Count >= 2 ? v : null;
            if (v.Type == "identifier") value = TopLevelFunction(file, v.Text());
            else if (v.Type == "call_expression") value = JsFile.Arguments(v).FirstOrDefault(a => a.Type is "identifier" || JsFile.IsFunction(a)) is { Tree: not null } a ? a : null;
            else return null;
        }
        return null;
    }

    private static Node? TopLevelFunction(JsFile file, string name)
    {
        foreach (var node in file.TopLevel)
        {
            var declaration = node.Type == "export_statement" ? node.ChildByFieldName("declaration") : node;
            if (declaration is not { } d) continue;
            if (d.Type == "function_declaration" && d.ChildByFieldName("name")?.Text() == name) return d;
            foreach (var declarator in d.NamedChildren.Where(c => c.Type == "variable_declarator"))
                if (declarator.ChildByFieldName("name")?.Text() == name) return declarator.ChildByFieldName("value");
        }
        return null;
    }

    private static void AddPagesEndpoints(FactSink sink, Node handler, Node export, CancellationToken cancellationToken)
    {
        var methods = HandledMethods(handler, cancellationToken);
        var name = JsFile.FunctionName(handler);
        if (methods.Count == 0)
        {
            sink.Endpoints.Add(Endpoint("GET", PagesScope, export.Start.Line, name) with
            {
                Confidence = 0.6,
                Note = "pages API route: method decided in the handler",
            });
            return;
        }
        foreach (var (method, line) in methods) sink.Endpoints.Add(Endpoint(method, PagesScope, line, name));
    }

    /// <summary>
    /// The methods a pages API handler compares its request's method with, each at the line of its first test:
    /// <c>req.method === "POST"</c>, a guard <c>if (req.method !== "POST") return</c>, <c>switch (method) { case "GET": }</c>
    /// with <c>method</c> destructured from the request (<c>({ method }, res)</c>, <c>const { method } = req</c>,
    /// <c>const m = req.method</c>), and <c>["GET", "POST"].includes(req.method)</c>. Other objects' <c>method</c> fields
    /// (a fetch's options) are not the request's.
    /// </summary>
    private static SortedDictionary<string, int> HandledMethods(Node handler, CancellationToken cancellationToken)
    {
        var methods = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var request = new HashSet<string>(StringComparer.Ordinal);
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        if (JsFile.Parameters(handler) is [var first, ..])
        {
            var pattern = first.Type is "required_parameter" or "optional_parameter" ? first.ChildByFieldName("pattern") : first;
            if (JsFile.ParameterName(first) is { } name) request.Add(name);
            else if (pattern is { Type: "object_pattern" } destructured) AddDestructured(destructured, methodNames);
        }
        var nodes = handler.Descendants(namedOnly: true).ToList();
        // Aliases first, in source order: const { method } = req; const verb = req.method.
        foreach (var node in nodes)
        {
            if (node.Type != "variable_declarator" || node.ChildByFieldName("value") is not { } value) continue;
            var target = node.ChildByFieldName("name");
            if (target is { Type: "object_pattern" } pattern && JsFile.Strip(value) is { Type: "identifier" } source && request.Contains(source.Text()))
                AddDestructured(pattern, methodNames);
            else if (target is { Type: "identifier" } alias && IsRequestMethod(value, request, methodNames)) methodNames.Add(alias.Text());
            else if (target is { Type: "identifier" } other && JsFile.Strip(value) is { Type: "identifier" } same && request.Contains(same.Text())) request.Add(other.Text());
        }
        if (request.Count == 0 && methodNames.Count == 0) return methods;
        foreach (var node in nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node.Type)
            {
                case "binary_expression" when node.ChildByFieldName("operator")?.Text() is "===" or "==" or "!==" or "!=":
                    var left = node.ChildByFieldName("left")!.Value;
                    var right = node.ChildByFieldName("right")!.Value;
                    if (IsRequestMethod(left, request, methodNames)) Add(methods, right, node.Start.Line);
                    else if (IsRequestMethod(right, request, methodNames)) Add(methods, left, node.Start.Line);
                    break;
                case "switch_statement" when node.ChildByFieldName("value") is { } value && IsRequestMethod(value, request, methodNames)
                                              && node.ChildByFieldName("body") is { } body:
                    foreach (var @case in body.NamedChildren.Where(c => c.Type == "switch_case"))
                        if (@case.ChildByFieldName("value") is { } label) Add(methods, label, @case.Start.Line);
                    break;
                case "call_expression" when node.ChildByFieldName("function") is { Type: "member_expression" } member
                                            && member.ChildByFieldName("property")?.Text() == "includes"
                                            && JsFile.Strip(member.ChildByFieldName("object")!.Value) is { Type: "array" } array
                                            && JsFile.Argument(node, 0) is { } argument && IsRequestMethod(argument, request, methodNames):
                    foreach (var item in array.NamedChildren) Add(methods, item, node.Start.Line);
                    break;
            }
        }
        return methods;
    }

    private static void AddDestructured(Node pattern, HashSet<string> methodNames)
    {
        foreach (var property in pattern.NamedChildren)
        {
            if (property.Type == "shorthand_property_identifier_pattern" && property.Text() == "method") methodNames.Add("method");
            else if (property.Type == "object_assignment_pattern" && property.ChildByFieldName("left") is { } left && left.Text() == "method") methodNames.Add("method");
            else if (property.Type == "pair_pattern" && property.ChildByFieldName("key") is { } key && JsFile.KeyName(key) == "method"
                     && property.ChildByFieldName("value") is { Type: "identifier" } alias)
                methodNames.Add(alias.Text());
        }
    }

    /// <summary><c>req.method</c>, a name bound to it, or either upper-cased (<c>req.method?.toUpperCase()</c>).</summary>
    private static bool IsRequestMethod(Node node, HashSet<string> request, HashSet<string> methodNames)
    {
        node = JsFile.Strip(node);
        if (node.Type == "call_expression" && JsFile.CallName(node) is "toUpperCase" or "toLowerCase"
            && node.ChildByFieldName("function") is { Type: "member_expression" } call)
            node = JsFile.Strip(call.ChildByFieldName("object")!.Value);
        return node.Type switch
        {
            "identifier" => methodNames.Contains(node.Text()),
            "member_expression" => node.ChildByFieldName("property")?.Text() == "method"
                                   && JsFile.Strip(node.ChildByFieldName("object")!.Value) is { Type: "identifier" } owner && request.Contains(owner.Text()),
            _ => false,
        };
    }

    private static void Add(SortedDictionary<string, int> methods, Node literal, int line)
    {
        if (JsFile.StringValue(JsFile.Strip(literal)) is not { } text) return;
        var method = text.ToUpperInvariant();
        if (Methods.Contains(method)) methods.TryAdd(method, line);
    }

    private static EndpointFact Endpoint(string method, string scope, int line, string? handler) => new()
    {
        Method = method,
        Path = "",
        Source = EndpointSources.Code,
        Framework = "nextjs",
        Line = line,
        Scope = scope,
        Handler = handler,
    };
}
