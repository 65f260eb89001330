using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Express (patterns in <c>Express.scm</c>): <c>app.METHOD(path, ...)</c>, <c>router.METHOD(path, ...)</c>,
/// <c>app.all(path, ...)</c> (method <c>*</c>), <c>router.route(path).get().post()</c>, and <c>app.use(prefix, router)</c>
/// mounts. Routes of a router are relative to its scope (<c>@name</c> for a router of this file, <c>js:specifier@export</c>
/// for an imported one); a router the file exports is recorded as an <c>export:name</c> alias so the resolver can follow imports.
/// </summary>
internal static class Express
{
    private static readonly HashSet<string> Verbs = ["get", "post", "put", "patch", "delete", "head", "options", "all"];

    private readonly record struct RouteCall(Node Call, Node Callee, Node Receiver, string Verb);

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var apps = new HashSet<string>(StringComparer.Ordinal) { "app" };
        var routers = new HashSet<string>(StringComparer.Ordinal);
        var calls = new List<RouteCall>();
        foreach (var match in file.Matches("JavaScript/Express.scm"))
        {
            if (match["creation"] is not null)
            {
                var name = match["name"]!.Value.Text();
                if (match["router_factory"] is not null) routers.Add(name);
                else if (match["constructor"] is { } constructor)
                {
                    if (constructor.Text() is "Router" or "express.Router" && !Koa.IsRouterClass(file, constructor.Text())) routers.Add(name);
                }
                else if (match["factory"]!.Value.Text() is var factory && file.Imports.TryGetValue(factory, out var import) && import is { Module: "express", Export: "default" })
                    apps.Add(name);
                else if (factory == "Router" && (!file.Imports.TryGetValue("Router", out var router) || router.Module == "express"))
                    routers.Add(name);
            }
            else calls.Add(new RouteCall(match["call"]!.Value, match["callee"]!.Value, match["receiver"]!.Value, match["verb"]!.Value.Text()));
        }
        if (routers.Count == 0 && !file.Imports.Values.Any(i => i.Module == "express")) return;

        calls.Sort((a, b) => a.Call.StartByte != b.Call.StartByte ? a.Call.StartByte.CompareTo(b.Call.StartByte) : a.Call.EndByte.CompareTo(b.Call.EndByte));
        foreach (var (call, callee, receiver, verb) in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Verbs.Contains(verb) && receiver.Type == "identifier" && JsFile.Arguments(call).Count >= 2
                && Target(receiver.Text(), apps, routers) is { } target
                && JsFile.Argument(call, 0) is { } pathNode && JsFile.StringValue(pathNode) is { } path)
            {
                // app.all("*", auth) guards everything: middleware, not an endpoint.
                if (verb != "all" || !IsWildcard(path)) sink.Endpoints.Add(Endpoint(verb, path, target.Scope, call, HandlerName(call)));
                file.Claim(call);
            }
            else if (Verbs.Contains(verb) && verb != "all" && RouteOf(receiver, apps, routers) is { } route)
            {
                // In a chain spread over lines, each method is on the line of its own .get/.post.
                sink.Endpoints.Add(Endpoint(verb, route.Path, route.Scope, call, HandlerName(call, 0)) with { Line = callee.ChildByFieldName("property")!.Value.Start.Line });
                file.Claim(call);
            }
            else if (verb == "all" && RouteOf(receiver, apps, routers) is not null)
            {
                // router.route("/x").all(load).get(show): all() is the path's middleware.
                file.Claim(call);
            }
            else if (verb == "use" && receiver.Type == "identifier" && Target(receiver.Text(), apps, routers) is { } parent)
            {
                ReadUse(file, sink, call, parent.Scope, routers);
            }
            else if (verb == "route" && receiver.Type == "identifier" && Target(receiver.Text(), apps, routers) is not null)
            {
                file.Claim(call);
            }
        }
        ReadExports(file, sink, routers);
    }

    /// <summary><c>*</c>, <c>/*</c>, <c>(.*)</c>, <c>/*splat</c>, <c>{*splat}</c>: every path.</summary>
    public static bool IsWildcard(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed == "(.*)" || trimmed.StartsWith('*') || trimmed.StartsWith("{*", StringComparison.Ordinal);
    }

    /// <summary>The scope of a receiver: null (wrapped in a tuple) for the application, <c>@name</c> for a router of this file.</summary>
    private static (string? Scope, bool IsApp)? Target(string name, HashSet<string> apps, HashSet<string> routers) =>
        routers.Contains(name) ? ("@" + name, false) : apps.Contains(name) ? (null, true) : null;

    /// <summary><c>router.route("/p").get(h).post(h)</c>: walks down the chain to the <c>route</c> call.</summary>
    private static (string Path, string? Scope)? RouteOf(Node receiver, HashSet<string> apps, HashSet<string> routers)
    {
        var current = receiver;
        for (var hops = 0; hops < 16 && current.Type == "call_expression"; hops++)
        {
            if (current.ChildByFieldName("function") is not { Type: "member_expression" } member) return null;
            var property = member.ChildByFieldName("property")?.Text();
            var owner = member.ChildByFieldName("object")!.Value;
            if (property == "route")
            {
                if (owner.Type != "identifier" || Target(owner.Text(), apps, routers) is not { } target) return null;
                return JsFile.Argument(current, 0) is { } arg && JsFile.StringValue(arg) is { } path ? (path, target.Scope) : null;
            }
            if (property is null || !Verbs.Contains(property)) return null;
            current = owner;
        }
        return null;
    }

    private static void ReadUse(JsFile file, FactSink sink, Node call, string? parent, HashSet<string> routers)
    {
        var args = JsFile.Arguments(call);
        var prefix = "";
        var first = 0;
        if (args.Count > 0 && JsFile.StringValue(args[0]) is { } literal)
        {
            prefix = literal;
            first = 1;
        }
        // Middleware comes first (use("/x", auth, router)): the router is the last argument.
        if (args.Count > first && MountedScope(file, args[^1], routers) is { } scope)
            sink.Mounts.Add(new MountFact(scope, parent, prefix, call.Start.Line));
        file.Claim(call);
    }

    /// <summary>What <c>use</c> mounts: a router of this file, an imported one, <c>ns.router</c>, or an inline <c>require("./r")</c>.</summary>
    internal static string? MountedScope(JsFile file, Node arg, ICollection<string> routers)
    {
        arg = JsFile.Strip(arg);
        switch (arg.Type)
        {
            case "identifier" when routers.Contains(arg.Text()):
                return "@" + arg.Text();
            case "identifier" when file.Imports.TryGetValue(arg.Text(), out var import) && JsFile.IsRepoModule(import.Module):
                return $"js:{import.Module}@{import.Export}";
            case "member_expression" when arg.ChildByFieldName("object") is { Type: "identifier" } ns
                                          && file.Imports.TryGetValue(ns.Text(), out var import)
                                          && JsFile.IsRepoModule(import.Module) && import.Export is "*" or "default":
                return $"js:{import.Module}@{arg.ChildByFieldName("property")!.Value.Text()}";
            case "call_expression" when arg.ChildByFieldName("function")?.Text() == "require"
                                        && JsFile.Argument(arg, 0) is { } spec && JsFile.StringValue(spec) is { } module && JsFile.IsRepoModule(module):
                return $"js:{module}@default";
            default:
                return null;
        }
    }


    /// <summary><c>export default router</c>, <c>module.exports = router</c>, <c>export const r = Router()</c>, <c>exports.r = router</c>.</summary>
    private static void ReadExports(JsFile file, FactSink sink, HashSet<string> routers)
    {
        foreach (var export in file.Exports)
            if (export.Wrapper is null && routers.Contains(export.Local))
                sink.Mounts.Add(new MountFact("export:" + export.Export, "@" + export.Local, "", export.Line));
    }

    private static EndpointFact Endpoint(string verb, string path, string? scope, Node call, string? handler) => new()
    {
        Method = verb == "all" ? EndpointFact.AnyMethod : verb.ToUpperInvariant(),
        Path = path,
        Source = EndpointSources.Code,
        Framework = "express",
        Line = call.Start.Line,
        Scope = scope,
        Handler = handler,
    };

    /// <summary>The last argument when it names a function (<c>ordersController.list</c>), not an inline arrow.</summary>
    private static string? HandlerName(Node call, int skip = 1)
    {
        var args = JsFile.Arguments(call);
        if (args.Count <= skip) return null;
        var last = args[^1];
        return last.Type is "identifier" or "member_expression" ? last.Text() : null;
    }
}
