using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Next.js route handlers. App router: exported <c>GET</c>/<c>POST</c>/... functions (scope <c>fs:nextjs-app</c>).
/// Pages API: a default-exported <c>(req, res)</c> handler (scope <c>fs:nextjs-pages</c>), one endpoint per method the
/// handler tests <c>req.method</c> against, or a less certain GET. The path comes from the file's place, which the
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
        var checks = new List<(Node Node, string Method)>();
        foreach (var match in file.Matches("JavaScript/NextJs.scm"))
        {
            if (match["default"] is { } export) defaults.Add(export);
            else if (match["checked"] is { } method) checks.Add((method, JsFile.Unquote(method.Text())));
            else
            {
                var handler = match["handler"]!.Value;
                var name = match["method"]!.Value.Text();
                sink.Endpoints.Add(Endpoint(name, AppScope, handler.Start.Line, match["function"]?.Text() ?? name));
            }
        }
        foreach (var export in defaults)
            if (PagesHandler(file, export) is { } handler)
                AddPagesEndpoints(sink, handler, export, checks);
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

    private static void AddPagesEndpoints(FactSink sink, Node handler, Node export, List<(Node Node, string Method)> checks)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (node, method) in checks)
            if (node.StartByte >= handler.StartByte && node.EndByte <= handler.EndByte && Methods.Contains(method))
                methods.Add(method);
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
        foreach (var method in methods) sink.Endpoints.Add(Endpoint(method, PagesScope, export.Start.Line, name));
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
