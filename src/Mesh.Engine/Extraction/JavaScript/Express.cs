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

    /// <summary>What an expression is to Express: the application (routes at the root) or a router with its scope.</summary>
    private readonly record struct Target(string? Scope, bool IsApp);

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var bindings = new Dictionary<string, Target>(StringComparer.Ordinal) { ["app"] = new(null, true) };
        var calls = new List<RouteCall>();
        foreach (var match in file.Matches("JavaScript/Express.scm"))
        {
            if (match["creation"] is not null)
            {
                var name = match["name"]!.Value.Text();
                if (match["router_factory"] is not null) bindings[name] = new("@" + name, false);
                else if (match["constructor"] is { } constructor)
                {
                    if (IsRouterConstructor(file, constructor)) bindings[name] = new("@" + name, false);
                }
                else if (IsAppFactory(file, match["factory"]!.Value)) bindings[name] = new(null, true);
                else if (IsRouterFactory(file, match["factory"]!.Value)) bindings[name] = new("@" + name, false);
            }
            else calls.Add(new RouteCall(match["call"]!.Value, match["callee"]!.Value, match["receiver"]!.Value, match["verb"]!.Value.Text()));
        }
        if (!bindings.Values.Any(b => !b.IsApp) && !file.Imports.Values.Any(i => i.Module == "express")) return;
        var express = new Routers(file, bindings);
        express.BindChains();

        calls.Sort((a, b) => a.Call.StartByte != b.Call.StartByte ? a.Call.StartByte.CompareTo(b.Call.StartByte) : a.Call.EndByte.CompareTo(b.Call.EndByte));
        foreach (var (call, callee, receiver, verb) in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Verbs.Contains(verb) && JsFile.Arguments(call).Count >= 2
                && express.Of(receiver) is { } target
                && JsFile.Argument(call, 0) is { } pathNode && JsFile.StringValue(pathNode) is { } path)
            {
                // app.all("*", auth) guards everything: middleware, not an endpoint.
                if (verb != "all" || !IsWildcard(path)) sink.Endpoints.Add(Endpoint(verb, path, target.Scope, call, HandlerName(call)));
                file.Claim(call);
            }
            else if (Verbs.Contains(verb) && verb != "all" && RouteOf(receiver, express) is { } route)
            {
                // In a chain spread over lines, each method is on the line of its own .get/.post.
                sink.Endpoints.Add(Endpoint(verb, route.Path, route.Scope, call, HandlerName(call, 0)) with { Line = callee.ChildByFieldName("property")!.Value.Start.Line });
                file.Claim(call);
            }
            else if (verb == "all" && RouteOf(receiver, express) is not null)
            {
                // router.route("/x").all(load).get(show): all() is the path's middleware.
                file.Claim(call);
            }
            else if (verb == "use" && express.Of(receiver) is { } parent)
            {
                ReadUse(file, sink, call, parent.Scope, express);
            }
            else if (verb == "route" && express.Of(receiver) is not null)
            {
                file.Claim(call);
            }
        }
        ReadExports(file, sink, express);
    }

    /// <summary><c>express()</c>, where <c>express</c> is the default export of the express package.</summary>
    private static bool IsAppFactory(JsFile file, Node factory) =>
        factory.Type == "identifier" && file.Imports.TryGetValue(factory.Text(), out var import) && import is { Module: "express", Export: "default" };

    /// <summary><c>Router()</c> (express's, or a name imported from nowhere else), or <c>express.Router()</c>.</summary>
    private static bool IsRouterFactory(JsFile file, Node factory) => factory.Type switch
    {
        "identifier" => factory.Text() == "Router" && (!file.Imports.TryGetValue("Router", out var router) || router.Module == "express"),
        "member_expression" => factory.ChildByFieldName("property")?.Text() == "Router",
        _ => false,
    };

    /// <summary><c>new Router()</c>, <c>new express.Router()</c> (not a Koa router class).</summary>
    private static bool IsRouterConstructor(JsFile file, Node constructor) =>
        constructor.Text() is "Router" or "express.Router" && !Koa.IsRouterClass(file, constructor.Text());

    /// <summary>
    /// The routers and applications of one file. Express's <c>use</c>, <c>get</c>, <c>post</c>... return the router (or
    /// application) they are called on, so a chain <c>Router().use(a).use("/x", b)</c> is the router it starts from, and a
    /// router written in place (<c>export default Router().use("/api", api)</c>) is one of its own, named by its position.
    /// </summary>
    private sealed class Routers(JsFile file, Dictionary<string, Target> bindings)
    {
        private const int MaxChain = 64;

        /// <summary>Creation calls that a declaration names (<c>const api = Router().use(x)</c> names the <c>Router()</c>).</summary>
        private readonly Dictionary<int, string> _named = [];

        public IReadOnlyDictionary<string, Target> Bindings => bindings;

        /// <summary>Declarations whose value is a chain over a router or app: <c>const api = Router().use(a)</c>, <c>const v1 = api</c>.</summary>
        public void BindChains()
        {
            var declarators = file.Declarators.SelectMany(d => d.Value.Select(v => (Name: d.Key, v.Declarator, v.Value)))
                .OrderBy(d => d.Declarator.StartByte).ToList();
            foreach (var (name, _, value) in declarators)
            {
                if (bindings.ContainsKey(name)) continue;
                var start = ChainStart(value);
                if (start.Type == "identifier")
                {
                    if (bindings.TryGetValue(start.Text(), out var alias)) bindings[name] = alias;
                    continue;
                }
                if (Creation(start) is not { } created) continue;
                if (created.IsApp) bindings[name] = created;
                else
                {
                    _named[start.StartByte] = name;
                    bindings[name] = new("@" + name, false);
                }
            }
        }

        /// <summary>The application or router an expression evaluates to, or null when it is neither.</summary>
        public Target? Of(Node expression)
        {
            var start = ChainStart(expression);
            if (start.Type == "identifier") return bindings.TryGetValue(start.Text(), out var bound) ? bound : null;
            return Creation(start);
        }

        /// <summary>Walks a chain of calls that return their receiver down to where it starts.</summary>
        private static Node ChainStart(Node expression)
        {
            var current = JsFile.Strip(expression);
            for (var hops = 0; hops < MaxChain && current.Type == "call_expression"; hops++)
            {
                if (current.ChildByFieldName("function") is not { Type: "member_expression" } member
                    || member.ChildByFieldName("property")?.Text() is not { } property || !(property == "use" || (Verbs.Contains(property) && JsFile.Arguments(current).Count >= 2)))
                    break;
                current = JsFile.Strip(member.ChildByFieldName("object")!.Value);
            }
            return current;
        }

        /// <summary><c>Router()</c>, <c>express.Router()</c>, <c>new Router()</c> or <c>express()</c> written in place.</summary>
        private Target? Creation(Node node)
        {
            if (node.Type == "call_expression" && node.ChildByFieldName("function") is { } factory)
            {
                if (IsAppFactory(file, factory)) return new(null, true);
                if (IsRouterFactory(file, factory)) return new(ScopeOf(node), false);
            }
            if (node.Type == "new_expression" && node.ChildByFieldName("constructor") is { } constructor && IsRouterConstructor(file, constructor))
                return new(ScopeOf(node), false);
            return null;
        }

        private string ScopeOf(Node creation) =>
            _named.TryGetValue(creation.StartByte, out var name) ? "@" + name : $"@router:{creation.Start.Line}:{creation.Start.Column}";
    }

    /// <summary><c>*</c>, <c>/*</c>, <c>(.*)</c>, <c>/*splat</c>, <c>{*splat}</c>: every path.</summary>
    public static bool IsWildcard(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed == "(.*)" || trimmed.StartsWith('*') || trimmed.StartsWith("{*", StringComparison.Ordinal);
    }

    /// <summary><c>router.route("/p").get(h).post(h)</c>: walks down the chain to the <c>route</c> call.</summary>
    private static (string Path, string? Scope)? RouteOf(Node receiver, Routers express)
    {
        var current = receiver;
        for (var hops = 0; hops < 16 && current.Type == "call_expression"; hops++)
        {
            if (current.ChildByFieldName("function") is not { Type: "member_expression" } member) return null;
            var property = member.ChildByFieldName("property")?.Text();
            var owner = member.ChildByFieldName("object")!.Value;
            if (property == "route")
            {
                if (express.Of(owner) is not { } target) return null;
                return JsFile.Argument(current, 0) is { } arg && JsFile.StringValue(arg) is { } path ? (path, target.Scope) : null;
            }
            if (property is null || !Verbs.Contains(property)) return null;
            current = owner;
        }
        return null;
    }

    private static void ReadUse(JsFile file, FactSink sink, Node call, string? parent, Routers express)
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
        if (args.Count > first && (express.Of(args[^1]) is { IsApp: false, Scope: { } local } ? local : MountedScope(file, args[^1], [])) is { } scope)
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


    /// <summary>
    /// <c>export default router</c>, <c>module.exports = router</c>, <c>export const r = Router()</c>, <c>exports.r = router</c>,
    /// and a router exported as written: <c>export default Router().use("/api", api)</c>, <c>module.exports = express.Router()</c>.
    /// </summary>
    private static void ReadExports(JsFile file, FactSink sink, Routers express)
    {
        foreach (var export in file.Exports)
            if (export.Wrapper is null && express.Bindings.TryGetValue(export.Local, out var bound) && bound is { IsApp: false, Scope: { } scope })
                sink.Mounts.Add(new MountFact("export:" + export.Export, scope, "", export.Line));
        foreach (var statement in file.TopLevel)
            if (ExportedExpression(statement) is ({ } name, { } value) && express.Of(value) is { IsApp: false, Scope: { } scope }
                && !file.Exports.Any(e => e.Export == name && e.Line == statement.Start.Line))
                sink.Mounts.Add(new MountFact("export:" + name, scope, "", statement.Start.Line));
    }

    /// <summary>The name and value of <c>export default value</c>, <c>module.exports = value</c> or <c>exports.name = value</c>.</summary>
    private static (string? Name, Node? Value) ExportedExpression(Node statement)
    {
        if (statement.Type == "export_statement" && JsFile.IsDefaultExport(statement) && statement.ChildByFieldName("value") is { } value)
            return ("default", value);
        if (statement.Type != "expression_statement" || statement.NamedChildCount == 0 || statement.NamedChild(0) is not { Type: "assignment_expression" } assignment
            || assignment.ChildByFieldName("left")?.Text() is not { } left || assignment.ChildByFieldName("right") is not { } right)
            return (null, null);
        if (left == "module.exports") return ("default", right);
        if (left.StartsWith("exports.", StringComparison.Ordinal) || left.StartsWith("module.exports.", StringComparison.Ordinal))
            return (left[(left.LastIndexOf('.') + 1)..], right);
        return (null, null);
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
