using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Fastify (patterns in <c>Fastify.scm</c>): <c>fastify.METHOD(path, [options,] handler)</c> (<c>all</c> for every method),
/// <c>fastify.route({ method, url })</c> and <c>fastify.register(plugin, { prefix })</c>. Routes on an instance the file
/// creates are the application's; routes on a plugin's first parameter are relative to the plugin's scope: <c>@name</c> for a
/// named plugin function (an <c>export:name</c> alias when exported), <c>export:default</c> for an anonymous default export,
/// <c>@register:LINE</c> for a function written inside <c>register(...)</c>. A registration mounts the plugin (of this file,
/// imported, or <c>require</c>d) under its prefix; <c>fastify-plugin</c> wrappers (<c>fp(plugin)</c>) are looked through.
/// </summary>
internal static class Fastify
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["post"] = "POST", ["put"] = "PUT", ["patch"] = "PATCH", ["delete"] = "DELETE",
        ["head"] = "HEAD", ["options"] = "OPTIONS", ["all"] = EndpointFact.AnyMethod,
    };

    private static readonly string[] Wrappers = ["fp", "fastifyPlugin", "plugin"];

    private readonly record struct InstanceCall(Node Call, Node Receiver, string Verb);

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var instances = new HashSet<string>(StringComparer.Ordinal);
        var calls = new List<InstanceCall>();
        foreach (var match in file.Matches("JavaScript/Fastify.scm"))
        {
            if (match["creation"] is not null)
            {
                var fastify = match["module"] is { } module
                    ? JsFile.StringValue(module) == "fastify"
                    : file.Imports.TryGetValue(match["factory"]!.Value.Text(), out var import) && import.Module == "fastify";
                if (fastify) instances.Add(match["name"]!.Value.Text());
            }
            else calls.Add(new InstanceCall(match["call"]!.Value, match["receiver"]!.Value, match["verb"]!.Value.Text()));
        }
        if (calls.Count == 0) return;
        var imported = file.Imports.Values.Any(i => i.Module is "fastify" or "fastify-plugin" || i.Module.StartsWith("@fastify/", StringComparison.Ordinal));
        calls.Sort((a, b) => a.Call.StartByte != b.Call.StartByte ? a.Call.StartByte.CompareTo(b.Call.StartByte) : a.Call.EndByte.CompareTo(b.Call.EndByte));
        var plugins = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (call, receiver, verb) in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.IsClaimed(call) || Instance(file, call, receiver.Text(), instances, imported) is not { } instance) continue;
            if (instance.Scope is { } pluginScope && pluginScope.StartsWith('@')) plugins.Add(pluginScope[1..]);
            var args = JsFile.Arguments(call);
            if (Verbs.TryGetValue(verb, out var method))
            {
                if (args.Count < 2 || JsFile.StringValue(args[0]) is not { } path) continue;
                sink.Endpoints.Add(Endpoint(method, path, instance.Scope, call, args[^1]));
                file.Claim(call);
            }
            else if (verb == "route" && args.Count > 0 && JsFile.Strip(args[0]) is { Type: "object" } options)
            {
                if ((JsFile.Property(options, "url") ?? JsFile.Property(options, "path")) is not { } url || JsFile.StringValue(url) is not { } path) continue;
                var handler = JsFile.Property(options, "handler");
                foreach (var m in Methods(JsFile.Property(options, "method")))
                    sink.Endpoints.Add(Endpoint(m, path, instance.Scope, call, handler));
                file.Claim(call);
            }
            else if (verb == "register" && args.Count > 0)
            {
                var prefix = args.Count > 1 && JsFile.Strip(args[1]) is { Type: "object" } registration && JsFile.Property(registration, "prefix") is { } p
                    ? JsFile.StringValue(p) ?? "" : "";
                if (Registered(file, call, args[0]) is not { } scope) continue;
                if (scope.StartsWith('@')) plugins.Add(scope[1..]);
                sink.Mounts.Add(new MountFact(scope, instance.Scope, prefix, call.Start.Line));
                file.Claim(call);
            }
        }
        foreach (var export in file.Exports)
            if ((export.Wrapper is null || Wrappers.Contains(export.Wrapper)) && plugins.Contains(export.Local))
                sink.Mounts.Add(new MountFact("export:" + export.Export, "@" + export.Local, "", export.Line));
    }

    /// <summary>Where a receiver's routes go: an instance of this file (the application: scope null), or a plugin's instance parameter.</summary>
    private static (string? Scope, bool IsApp)? Instance(JsFile file, Node call, string receiver, HashSet<string> instances, bool imported)
    {
        var ancestors = file.Ancestors(call);
        for (var i = ancestors.Count - 1; i >= 0; i--)
        {
            var function = ancestors[i];
            if (!JsFile.IsFunction(function) || JsFile.Parameters(function) is not [var first, ..] || JsFile.ParameterName(first) != receiver) continue;
            // A function (app) { app.get(...) } is Fastify's only when the file says so: an import, the usual name, or the type.
            if (!imported && receiver != "fastify" && first.ChildByFieldName("type")?.Text().Contains("Fastify", StringComparison.Ordinal) != true) return null;
            return (PluginScope(file, function, ancestors.Take(i).ToList()), false);
        }
        return instances.Contains(receiver) ? (null, true) : null;
    }

    /// <summary>The scope of a plugin function, from where it is written (its ancestors, root first).</summary>
    private static string PluginScope(JsFile file, Node function, List<Node> ancestors)
    {
        if (function.Type == "function_declaration" && function.ChildByFieldName("name") is { } name)
            return ancestors is [.., { Type: "export_statement" } export] && JsFile.IsDefaultExport(export) ? "export:default" : "@" + name.Text();
        for (var i = ancestors.Count - 1; i >= 0; i--)
        {
            var parent = ancestors[i];
            switch (parent.Type)
            {
                case "parenthesized_expression" or "as_expression" or "satisfies_expression":
                    continue;
                case "variable_declarator" when parent.ChildByFieldName("name") is { Type: "identifier" } variable:
                    return "@" + variable.Text();
                case "export_statement":
                    return "export:default";
                case "assignment_expression" when parent.ChildByFieldName("left")?.Text() is { } left:
                    if (left == "module.exports") return "export:default";
                    if (left.StartsWith("exports.", StringComparison.Ordinal) || left.StartsWith("module.exports.", StringComparison.Ordinal))
                        return "export:" + left[(left.LastIndexOf('.') + 1)..];
                    break;
                case "arguments" when i > 0 && ancestors[i - 1] is { Type: "call_expression" } call:
                    if (JsFile.CallName(call) == "register") return "@register:" + call.Start.Line;
                    // fp(async (fastify) => ...): what the wrapper's call is assigned to or exported as names the plugin.
                    if (JsFile.CallName(call) is { } wrapper && Wrappers.Contains(wrapper))
                    {
                        i--;
                        continue;
                    }
                    break;
            }
            break;
        }
        return "@plugin:" + function.Start.Line;
    }

    /// <summary>The scope a registration mounts: a plugin of this file, an imported or required one, or a function written in place.</summary>
    private static string? Registered(JsFile file, Node call, Node plugin)
    {
        plugin = JsFile.Strip(plugin);
        if (plugin.Type == "call_expression" && JsFile.CallName(plugin) is { } wrapper && Wrappers.Contains(wrapper) && JsFile.Argument(plugin, 0) is { } wrapped)
            plugin = JsFile.Strip(wrapped);
        if (JsFile.IsFunction(plugin)) return "@register:" + call.Start.Line;
        // import("./routes") like require("./routes")
        if (plugin.Type == "call_expression" && plugin.ChildByFieldName("function") is { Type: "import" }
            && JsFile.Argument(plugin, 0) is { } spec && JsFile.StringValue(spec) is { } module && JsFile.IsRepoModule(module))
            return $"js:{module}@default";
        if (plugin.Type == "identifier" && !file.Imports.ContainsKey(plugin.Text())) return "@" + plugin.Text();
        return Express.MountedScope(file, plugin, Array.Empty<string>());
    }

    private static IEnumerable<string> Methods(Node? method)
    {
        if (method is null) yield break;
        var values = JsFile.Strip(method.Value) is { Type: "array" } array ? array.NamedChildren.ToList() : [method.Value];
        foreach (var value in values)
            if (JsFile.StringValue(value) is { } text)
                yield return text.ToUpperInvariant() is var upper && upper == "ALL" ? EndpointFact.AnyMethod : upper;
    }

    private static EndpointFact Endpoint(string method, string path, string? scope, Node call, Node? handler) => new()
    {
        Method = method,
        Path = path,
        Source = EndpointSources.Code,
        Framework = "fastify",
        Line = call.Start.Line,
        Scope = scope,
        Handler = handler is { } h && JsFile.Strip(h).Type is "identifier" or "member_expression" ? JsFile.Strip(h).Text() : null,
    };
}
