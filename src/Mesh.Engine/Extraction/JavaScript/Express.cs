using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Express: <c>app.METHOD(path, ...)</c>, <c>router.METHOD(path, ...)</c>, <c>router.route(path).get().post()</c>, and
/// <c>app.use(prefix, router)</c> mounts. Routes of a router are relative to its scope (<c>@name</c> for a router of this
/// file, <c>js:specifier@export</c> for an imported one); a router the file exports is recorded as an
/// <c>export:name</c> alias so the resolver can follow imports.
/// </summary>
internal static class Express
{
    private static readonly HashSet<string> Verbs = ["get", "post", "put", "patch", "delete", "head", "options"];

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var apps = new HashSet<string>(StringComparer.Ordinal) { "app" };
        var routers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Calls.Count; i++)
        {
            // Parent is costly in tree-sitter (it walks down from the root): test the name first.
            var call = file.Calls[i];
            if (file.CallNames[i] is not { } called || (called != "Router" && !(file.Imports.TryGetValue(called, out var module) && module is { Module: "express", Export: "default" }))) continue;
            if (call.Parent is not { Type: "variable_declarator" } declarator || declarator.ChildByFieldName("name") is not { Type: "identifier" } name) continue;
            if (IsExpressApp(file, call)) apps.Add(name.Text());
            else if (IsRouterCreation(file, call)) routers.Add(name.Text());
        }
        foreach (var created in file.News)
            if (created.Parent is { Type: "variable_declarator" } declarator && declarator.ChildByFieldName("name") is { Type: "identifier" } name
                && created.ChildByFieldName("constructor")?.Text() is "Router" or "express.Router")
                routers.Add(name.Text());
        if (routers.Count == 0 && !file.Imports.Values.Any(i => i.Module == "express")) return;

        for (var i = 0; i < file.Calls.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.CallNames[i] is not { } called || !(Verbs.Contains(called) || called is "use" or "route")) continue;
            var call = file.Calls[i];
            if (call.ChildByFieldName("function") is not { Type: "member_expression" } callee) continue;
            var verb = callee.ChildByFieldName("property")?.Text();
            var receiver = callee.ChildByFieldName("object");
            if (verb is null || receiver is null) continue;
            if (Verbs.Contains(verb) && receiver.Value.Type == "identifier" && JsFile.Arguments(call).Count >= 2
                && Target(receiver.Value.Text(), apps, routers) is { } target
                && JsFile.Argument(call, 0) is { } pathNode && JsFile.StringValue(pathNode) is { } path)
            {
                sink.Endpoints.Add(Endpoint(verb, path, target.Scope, call, HandlerName(call)));
                file.Claim(call);
            }
            else if (Verbs.Contains(verb) && RouteOf(receiver.Value, apps, routers) is { } route)
            {
                // In a chain spread over lines, each method is on the line of its own .get/.post.
                sink.Endpoints.Add(Endpoint(verb, route.Path, route.Scope, call, HandlerName(call, 0)) with { Line = callee.ChildByFieldName("property")!.Value.Start.Line });
                file.Claim(call);
            }
            else if (verb == "use" && receiver.Value.Type == "identifier" && Target(receiver.Value.Text(), apps, routers) is { } parent)
            {
                ReadUse(file, sink, call, parent.Scope, routers);
            }
            else if (verb == "route" && receiver.Value.Type == "identifier" && Target(receiver.Value.Text(), apps, routers) is not null)
            {
                file.Claim(call);
            }
        }
        ReadExports(file, sink, routers);
    }

    private static bool IsExpressApp(JsFile file, Node call) =>
        call.ChildByFieldName("function") is { Type: "identifier" } fn
        && file.Imports.TryGetValue(fn.Text(), out var import) && import is { Module: "express", Export: "default" };

    private static bool IsRouterCreation(JsFile file, Node call)
    {
        var callee = call.ChildByFieldName("function");
        if (callee is { Type: "member_expression" } member && member.ChildByFieldName("property")?.Text() == "Router") return true;
        return callee is { Type: "identifier" } id && id.Text() == "Router"
               && (!file.Imports.TryGetValue("Router", out var import) || import.Module == "express");
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
    private static string? MountedScope(JsFile file, Node arg, HashSet<string> routers)
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
        if (routers.Count == 0) return;
        foreach (var node in file.TopLevel)
        {
            if (node.Type == "export_statement")
            {
                if (node.ChildByFieldName("value") is { Type: "identifier" } value && routers.Contains(value.Text()))
                    sink.Mounts.Add(new MountFact("export:default", "@" + value.Text(), "", node.Start.Line));
                else if (node.ChildByFieldName("declaration") is { } declaration)
                {
                    foreach (var declarator in declaration.NamedChildren.Where(d => d.Type == "variable_declarator"))
                        if (declarator.ChildByFieldName("name") is { Type: "identifier" } name && routers.Contains(name.Text()))
                            sink.Mounts.Add(new MountFact("export:" + name.Text(), "@" + name.Text(), "", node.Start.Line));
                }
                else
                {
                    foreach (var specifier in node.Descendants(namedOnly: true).Where(d => d.Type == "export_specifier"))
                        if (specifier.ChildByFieldName("name")?.Text() is { } local && routers.Contains(local))
                            sink.Mounts.Add(new MountFact("export:" + (specifier.ChildByFieldName("alias")?.Text() ?? local), "@" + local, "", node.Start.Line));
                }
            }
            else if (node.Type == "expression_statement" && node.NamedChildCount > 0 && node.NamedChild(0) is { Type: "assignment_expression" } assignment)
            {
                var left = assignment.ChildByFieldName("left")?.Text();
                var right = assignment.ChildByFieldName("right");
                if (right is null) continue;
                if (left == "module.exports" && right.Value.Type == "identifier" && routers.Contains(right.Value.Text()))
                    sink.Mounts.Add(new MountFact("export:default", "@" + right.Value.Text(), "", node.Start.Line));
                else if (left == "module.exports" && right.Value.Type == "object")
                {
                    foreach (var member in right.Value.NamedChildren)
                    {
                        if (member.Type == "shorthand_property_identifier" && routers.Contains(member.Text()))
                            sink.Mounts.Add(new MountFact("export:" + member.Text(), "@" + member.Text(), "", member.Start.Line));
                        else if (member.Type == "pair" && member.ChildByFieldName("value") is { Type: "identifier" } v && routers.Contains(v.Text()))
                            sink.Mounts.Add(new MountFact("export:" + JsFile.KeyName(member.ChildByFieldName("key")!.Value), "@" + v.Text(), "", member.Start.Line));
                    }
                }
                else if (left is not null && (left.StartsWith("exports.", StringComparison.Ordinal) || left.StartsWith("module.exports.", StringComparison.Ordinal))
                         && right.Value.Type == "identifier" && routers.Contains(right.Value.Text()))
                    sink.Mounts.Add(new MountFact("export:" + left[(left.LastIndexOf('.') + 1)..], "@" + right.Value.Text(), "", node.Start.Line));
            }
        }
    }

    private static EndpointFact Endpoint(string verb, string path, string? scope, Node call, string? handler) => new()
    {
        Method = verb.ToUpperInvariant(),
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
