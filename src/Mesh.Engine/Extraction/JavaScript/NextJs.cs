using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Next.js route handlers. App router: exported <c>GET</c>/<c>POST</c>/... functions (scope <c>fs:nextjs-app</c>).
/// Pages API: a default-exported <c>(req, res)</c> handler (scope <c>fs:nextjs-pages</c>), one endpoint per method the
/// handler tests <c>req.method</c> against, or a less certain GET. The path comes from the file's place, which the
/// resolver knows and checks; the bytes only say what the file exports.
/// </summary>
internal static class NextJs
{
    public const string AppScope = "fs:nextjs-app";
    public const string PagesScope = "fs:nextjs-pages";

    private static readonly HashSet<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var export in file.TopLevel.Where(n => n.Type == "export_statement"))
        {
            if (export.Children.Any(c => c.Type == "default"))
            {
                if (PagesHandler(file, export) is { } handler) AddPagesEndpoints(sink, handler, export);
                continue;
            }
            if (export.ChildByFieldName("declaration") is { } declaration)
            {
                if (declaration.Type == "function_declaration" && declaration.ChildByFieldName("name")?.Text() is { } name && Methods.Contains(name))
                    sink.Endpoints.Add(Endpoint(name, AppScope, declaration.Start.Line, name));
                foreach (var declarator in declaration.NamedChildren.Where(d => d.Type == "variable_declarator"))
                    if (declarator.ChildByFieldName("name")?.Text() is { } constName && Methods.Contains(constName))
                        sink.Endpoints.Add(Endpoint(constName, AppScope, declarator.Start.Line, constName));
            }
            else
            {
                // export { handler as GET, handler as POST }
                foreach (var specifier in export.Descendants(namedOnly: true).Where(d => d.Type == "export_specifier"))
                    if ((specifier.ChildByFieldName("alias") ?? specifier.ChildByFieldName("name"))?.Text() is { } exported && Methods.Contains(exported))
                        sink.Endpoints.Add(Endpoint(exported, AppScope, specifier.Start.Line, specifier.ChildByFieldName("name")?.Text()));
            }
        }
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

    private static void AddPagesEndpoints(FactSink sink, Node handler, Node export)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in handler.Descendants(namedOnly: true))
        {
            if (node.Type == "binary_expression" && node.ChildByFieldName("operator")?.Text() is "===" or "==")
            {
                var left = node.ChildByFieldName("left");
                var right = node.ChildByFieldName("right");
                if (left is { } l && right is { } r)
                {
                    if (IsMethodAccess(l) && JsFile.StringValue(r) is { } m1 && Methods.Contains(m1)) methods.Add(m1);
                    if (IsMethodAccess(r) && JsFile.StringValue(l) is { } m2 && Methods.Contains(m2)) methods.Add(m2);
                }
            }
            else if (node.Type == "switch_statement" && node.ChildByFieldName("value") is { } value && IsMethodAccess(JsFile.Strip(value)))
            {
                foreach (var @case in node.Descendants(namedOnly: true).Where(c => c.Type == "switch_case"))
                    if (@case.ChildByFieldName("value") is { } v && JsFile.StringValue(v) is { } m && Methods.Contains(m)) methods.Add(m);
            }
        }
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

    private static bool IsMethodAccess(Node node)
    {
        node = JsFile.Strip(node);
        return node.Type == "member_expression" && node.ChildByFieldName("property")?.Text() == "method";
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
