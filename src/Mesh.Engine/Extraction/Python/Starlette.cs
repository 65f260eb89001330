using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Starlette routing tables, which FastAPI accepts too: <c>Route(path, endpoint, methods=[...])</c> in lists, under
/// <c>Mount(path, routes=[...])</c> at any depth, and lists bound to a name then mounted (<c>Mount("/api", routes=api)</c>)
/// or handed to an application (<c>Starlette(routes=routes)</c>) here or in another module.
/// </summary>
internal static class Starlette
{
    private const string Framework = "starlette";
    private static readonly string[] EndpointMethods = ["get", "post", "put", "patch", "delete"];
    private const int MaxDepth = 32;

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        if (!file.ImportsModule("starlette") && !file.ImportsModule("fastapi")) return;
        for (var i = 0; i < file.Calls.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.CallNames[i] is not ("Route" or "APIRoute" or "Mount") || !IsRouting(file, file.Calls[i])) continue;
            if (file.CallNames[i] == "Mount") Mount(file, sink, file.Calls[i]);
            else Route(file, sink, file.Calls[i]);
        }
    }

    /// <summary>A callee imported from Starlette's or FastAPI's modules (<c>Route</c>, <c>routing.Mount</c>).</summary>
    private static bool IsRouting(PythonFile file, Node call) =>
        call.ChildByFieldName("function") is { } function && PythonFile.Dotted(function) is { } dotted
        && file.Imports.TryGetValue(dotted[0], out var import)
        && (import.Module.StartsWith("starlette", StringComparison.Ordinal) || import.Module.StartsWith("fastapi", StringComparison.Ordinal));

    private static void Route(PythonFile file, FactSink sink, Node call)
    {
        var arguments = call.ChildByFieldName("arguments");
        var positional = PythonFile.Positional(arguments);
        var pathNode = PythonFile.Keyword(arguments, "path") ?? positional.ElementAtOrDefault(0);
        if (pathNode is not { Tree: not null } pn) return;
        var path = PythonStrings.Evaluate(file, pn);
        var endpoint = PythonFile.Keyword(arguments, "endpoint") ?? positional.ElementAtOrDefault(1);
        var methods = PythonRoutes.Methods(file, arguments);
        // An HTTPEndpoint class answers the methods it defines; a function answers GET unless told otherwise.
        if (methods is null && endpoint is { Type: "identifier" } name && file.Classes.TryGetValue(name.Text(), out var @class))
            methods = EndpointMethods.Where(method => Flask.HasMethod(@class, method)).Select(method => method.ToUpperInvariant()).ToList();
        var (scope, prefix) = Container(file, call);
        var fullPath = PythonRoutes.JoinPath(prefix, path.Text);
        foreach (var method in (methods is { Count: > 0 } ? methods : ["GET"]).Where(x => x is not ("HEAD" or "OPTIONS")).Distinct(StringComparer.Ordinal))
            sink.Endpoints.Add(new EndpointFact
            {
                Method = method,
                Path = fullPath,
                Source = EndpointSources.Code,
                Framework = Framework,
                Line = PythonFile.Line(call),
                Scope = scope,
                Parameters = PythonRoutes.PathApiParameters(fullPath),
                Handler = endpoint is { Tree: not null } e ? PythonRoutes.HandlerName(e) : null,
                Note = path.Known ? null : $"route partly unknown: {path.Unknown ?? path.BaseHint}",
                Confidence = path.Known ? null : 0.5,
            });
    }

    /// <summary><c>Mount("/api", routes=api_routes)</c> or <c>Mount("/v1", app=v1)</c>: the named table or application is mounted here.</summary>
    private static void Mount(PythonFile file, FactSink sink, Node call)
    {
        var arguments = call.ChildByFieldName("arguments");
        var positional = PythonFile.Positional(arguments);
        var mounted = PythonFile.Keyword(arguments, "routes") ?? PythonFile.Keyword(arguments, "app") ?? positional.ElementAtOrDefault(1);
        if (mounted is not { Type: "identifier" or "attribute" } named || file.ScopeOf(named) is not { } scope) return;
        var (parent, prefix) = Container(file, call);
        sink.Mounts.Add(new MountFact(scope, parent, PythonRoutes.JoinPath(prefix, MountPath(file, call)), PythonFile.Line(call)));
    }

    private static string MountPath(PythonFile file, Node mount)
    {
        var arguments = mount.ChildByFieldName("arguments");
        return (PythonFile.Keyword(arguments, "path") ?? PythonFile.Positional(arguments).ElementAtOrDefault(0)) is { Tree: not null } path
            ? PythonStrings.Evaluate(file, path).Text
            : "";
    }

    /// <summary>
    /// Where a routing entry sits: the prefixes of the inline <c>Mount</c>s around it, joined outermost first, and the
    /// scope of the table it ends in (<c>@routes</c> for <c>routes = [...]</c>; null for an application's own table).
    /// </summary>
    private static (string? Scope, string Prefix) Container(PythonFile file, Node entry)
    {
        var prefix = "";
        var current = entry;
        for (var depth = 0; depth < MaxDepth && current.Parent is { } parent; depth++)
        {
            switch (parent.Type)
            {
                case "list" or "tuple" or "parenthesized_expression" or "keyword_argument" or "list_splat" or "binary_operator":
                    current = parent;
                    continue;
                case "argument_list" when parent.Parent is { Type: "call" } owner:
                    if (PythonFile.CalleeName(owner) == "Mount" && IsRouting(file, owner))
                    {
                        prefix = PythonRoutes.JoinPath(MountPath(file, owner), prefix);
                        current = owner;
                        continue;
                    }
                    // A table given to an application or router: its routes are that object's.
                    return owner.Parent is { Type: "assignment" } bound && bound.ChildByFieldName("left") is { } left
                        ? (PythonRoutes.Target(file, left).Scope, prefix)
                        : (null, prefix);
                case "assignment" when parent.ChildByFieldName("left") is { Type: "identifier" } name:
                    return (PythonRoutes.Target(file, name).Scope, prefix);
                default:
                    return (null, prefix);
            }
        }
        return (null, prefix);
    }
}
