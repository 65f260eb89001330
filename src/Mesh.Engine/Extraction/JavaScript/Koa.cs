using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Koa with <c>@koa/router</c> or <c>koa-router</c> (patterns in <c>Koa.scm</c>): <c>router.METHOD([name,] path, ...)</c>
/// (also chained, <c>del</c> for DELETE, <c>all</c> for every method), the router's prefix (<c>new Router({ prefix })</c>,
/// <c>router.prefix()</c>), <c>app.use(router.routes())</c> and <c>router.use(path, other.routes())</c> mounts.
/// A router's own prefix is part of its routes (koa-router applies it to them wherever the router is mounted) and of the
/// mounts it makes; routes are relative to the router's scope, and an exported router is an <c>export:name</c> alias.
/// </summary>
internal static class Koa
{
    private static readonly string[] RouterModules = ["@koa/router", "koa-router"];

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["post"] = "POST", ["put"] = "PUT", ["patch"] = "PATCH", ["delete"] = "DELETE", ["del"] = "DELETE",
        ["head"] = "HEAD", ["options"] = "OPTIONS", ["all"] = EndpointFact.AnyMethod,
    };

    private readonly record struct RouterCall(Node Call, Node Callee, Node Receiver, string Verb);

    /// <summary>True when <paramref name="constructor"/> names the router class of a Koa router module this file imports.</summary>
    public static bool IsRouterClass(JsFile file, string constructor) =>
        file.Imports.TryGetValue(constructor, out var import) && RouterModules.Contains(import.Module);

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var routers = new Dictionary<string, string>(StringComparer.Ordinal);
        var calls = new List<RouterCall>();
        foreach (var match in file.Matches("JavaScript/Koa.scm"))
        {
            if (match["creation"] is not null)
            {
                if (IsRouterClass(file, match["class"]!.Value.Text()))
                    routers[match["name"]!.Value.Text()] = match["arguments"] is { } arguments && JsFile.ArgumentOf(arguments, 0) is { Type: "object" } options
                        && JsFile.Property(options, "prefix") is { } prefix ? JsFile.StringValue(prefix) ?? "" : "";
            }
            else calls.Add(new RouterCall(match["call"]!.Value, match["callee"]!.Value, match["receiver"]!.Value, match["verb"]!.Value.Text()));
        }
        if (calls.Count == 0 || !file.Imports.Values.Any(i => i.Module == "koa" || RouterModules.Contains(i.Module))) return;
        calls.Sort((a, b) => a.Call.StartByte != b.Call.StartByte ? a.Call.StartByte.CompareTo(b.Call.StartByte) : a.Call.EndByte.CompareTo(b.Call.EndByte));

        // router.prefix("/v1") applies to every route of the router, before or after it.
        foreach (var (call, _, receiver, verb) in calls)
            if (verb == "prefix" && Router(receiver, routers) is { } router && JsFile.Argument(call, 0) is { } argument && JsFile.StringValue(argument) is { } prefix)
            {
                routers[router] = prefix;
                file.Claim(call);
            }

        foreach (var (call, callee, receiver, verb) in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.IsClaimed(call)) continue;
            if (Verbs.TryGetValue(verb, out var method) && Router(receiver, routers) is { } router)
            {
                var args = JsFile.Arguments(call);
                // router.get("order", "/orders/:id", show): a named route.
                var pathIndex = args.Count > 2 && JsFile.StringValue(args[0]) is not null && JsFile.StringValue(args[1]) is not null ? 1 : 0;
                if (args.Count < pathIndex + 2 || JsFile.StringValue(args[pathIndex]) is not { } path) continue;
                sink.Endpoints.Add(new EndpointFact
                {
                    Method = method,
                    Path = RoutePath.Join(routers[router], path),
                    Source = EndpointSources.Code,
                    Framework = "koa",
                    // In a chain spread over lines, each route is on the line of its own .get/.post.
                    Line = callee.ChildByFieldName("property")!.Value.Start.Line,
                    Scope = "@" + router,
                    Handler = args[^1].Type is "identifier" or "member_expression" ? args[^1].Text() : null,
                });
                file.Claim(call);
            }
            else if (verb == "use")
            {
                ReadUse(file, sink, call, receiver, routers);
            }
        }

        foreach (var export in file.Exports)
            if (export.Wrapper is null && routers.ContainsKey(export.Local))
                sink.Mounts.Add(new MountFact("export:" + export.Export, "@" + export.Local, "", export.Line));
    }

    /// <summary><c>app.use(router.routes())</c>, <c>parent.use("/admin", admin.routes(), admin.allowedMethods())</c>.</summary>
    private static void ReadUse(JsFile file, FactSink sink, Node call, Node receiver, Dictionary<string, string> routers)
    {
        var args = JsFile.Arguments(call);
        var prefix = args.Count > 0 && JsFile.StringValue(args[0]) is { } literal ? literal : "";
        // The parent is a router of this file (whose own prefix comes first), or else the application.
        var parent = Router(receiver, routers);
        var mountPrefix = parent is null || routers[parent].Length == 0 ? prefix : RoutePath.Join(routers[parent], prefix);
        var mounted = false;
        foreach (var arg in args)
        {
            if (JsFile.Strip(arg) is not { Type: "call_expression" } routes || routes.ChildByFieldName("function") is not { Type: "member_expression" } function
                || function.ChildByFieldName("property")?.Text() is not ("routes" or "middleware")
                || Express.MountedScope(file, function.ChildByFieldName("object")!.Value, routers.Keys) is not { } scope)
                continue;
            sink.Mounts.Add(new MountFact(scope, parent is null ? null : "@" + parent, mountPrefix, call.Start.Line));
            mounted = true;
        }
        if (mounted) file.Claim(call);
    }

    /// <summary>The router a receiver is: a router of this file, directly or at the start of a chain (<c>router.get(...).post(...)</c>).</summary>
    private static string? Router(Node receiver, Dictionary<string, string> routers)
    {
        var current = receiver;
        for (var hops = 0; hops < 32 && current.Type == "call_expression"; hops++)
        {
            if (current.ChildByFieldName("function") is not { Type: "member_expression" } member
                || member.ChildByFieldName("property")?.Text() is not { } property || !(Verbs.ContainsKey(property) || property is "use" or "prefix"))
                return null;
            current = member.ChildByFieldName("object")!.Value;
        }
        return current.Type == "identifier" && routers.ContainsKey(current.Text()) ? current.Text() : null;
    }
}
