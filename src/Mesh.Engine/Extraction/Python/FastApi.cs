using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// FastAPI: route decorators on <c>FastAPI()</c> apps and <c>APIRouter(prefix=...)</c> routers, <c>include_router</c>
/// mounts, parameters (<c>Query</c>, <c>Path</c>, <c>Header</c>, <c>Body</c>, typed arguments), request and response models.
/// </summary>
internal static class FastApi
{
    private const string Framework = "fastapi";
    private static readonly HashSet<string> Injected = ["Request", "Response", "BackgroundTasks", "WebSocket", "HTTPConnection", "Session", "AsyncSession", "SecurityScopes"];
    private static readonly HashSet<string> RawResponses = ["Response", "JSONResponse", "HTMLResponse", "PlainTextResponse", "RedirectResponse", "StreamingResponse", "FileResponse", "ORJSONResponse", "UJSONResponse"];

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var query = QuerySource.Load(Language.Python, "Python/FastApi.scm");
        foreach (var match in PythonRoutes.DecoratorMatches(file, query, cancellationToken))
        {
            var router = match["router"]!.Value;
            var target = PythonRoutes.Target(file, router);
            if (target.Framework != Framework) continue;
            var handler = match["handler"]!.Value;
            Route(file, sink, target, Methods(file, match["verb"]!.Value.Text(), match["arguments"]!.Value), match["arguments"]!.Value,
                PythonFile.Line(match["route"]!.Value), handler, handler.ChildByFieldName("name")?.Text());
        }
        for (var i = 0; i < file.Calls.Count; i++)
        {
            var call = file.Calls[i];
            if (call.ChildByFieldName("function") is not { } function) continue;
            if (function.Type == "call") Registered(file, sink, call, function);
            if (function.Type != "attribute") continue;
            var owner = function.ChildByFieldName("object")!.Value;
            var arguments = call.ChildByFieldName("arguments");
            switch (file.CallNames[i])
            {
                case "include_router" or "mount":
                    if ((PythonFile.Positional(arguments).ElementAtOrDefault(file.CallNames[i] == "mount" ? 1 : 0) is { Tree: not null } p ? p : PythonFile.Keyword(arguments, "app")) is not { } included
                        || file.ScopeOf(included) is not { } scope) break;
                    if (file.CallNames[i] == "mount" && PythonRoutes.Target(file, owner).Framework != Framework) break;
                    var parent = PythonRoutes.IsRootApp(file, owner) ? null : file.ScopeOf(owner);
                    var prefixNode = file.CallNames[i] == "mount" ? PythonFile.Positional(arguments).FirstOrDefault() is { Tree: not null } path ? path : PythonFile.Keyword(arguments, "path") : PythonFile.Keyword(arguments, "prefix");
                    var prefix = prefixNode is { } pn ? PythonStrings.Evaluate(file, pn).Text : "";
                    sink.Mounts.Add(new MountFact(scope, parent, prefix, PythonFile.Line(call)));
                    break;
                case "add_api_route" or "add_route":
                    var target = PythonRoutes.Target(file, owner);
                    if (target.Framework != Framework) break;
                    var endpoint = PythonFile.Keyword(arguments, "endpoint") ?? PythonFile.Keyword(arguments, "route") ?? PythonFile.Positional(arguments).ElementAtOrDefault(1);
                    var handler = endpoint is { Tree: not null } e ? PythonRoutes.Function(file, e) : null;
                    Route(file, sink, target, Methods(file, "api_route", arguments), arguments!.Value,
                        PythonFile.Line(call), handler, endpoint is { Tree: not null } en ? PythonRoutes.HandlerName(en) : null);
                    break;
            }
        }
    }

    /// <summary>A route decorator called as a function: <c>app.post("/prompt")(self.handle_prompt)</c>.</summary>
    private static void Registered(PythonFile file, FactSink sink, Node call, Node decorator)
    {
        if (decorator.ChildByFieldName("function") is not { Type: "attribute" } function
            || !RouteVerbs.Contains(function.ChildByFieldName("attribute")!.Value.Text())
            || PythonFile.Positional(call.ChildByFieldName("arguments")).FirstOrDefault() is not { Tree: not null } endpoint) return;
        var target = PythonRoutes.Target(file, function.ChildByFieldName("object")!.Value);
        if (target.Framework != Framework) return;
        var arguments = decorator.ChildByFieldName("arguments")!.Value;
        Route(file, sink, target, Methods(file, function.ChildByFieldName("attribute")!.Value.Text(), arguments), arguments,
            PythonFile.Line(decorator), PythonRoutes.Function(file, endpoint), PythonRoutes.HandlerName(endpoint));
    }

    private static readonly HashSet<string> RouteVerbs = ["get", "post", "put", "delete", "patch", "head", "options", "trace", "api_route"];

    /// <summary>The methods of a route: the verb's, or <c>methods=[...]</c> of <c>api_route</c>/<c>add_api_route</c> (GET when absent, as FastAPI does).</summary>
    private static List<string> Methods(PythonFile file, string verb, Node? arguments) =>
        verb == "api_route"
            ? (PythonFile.Keyword(arguments, "methods") is { Type: not "none" } m ? file.StringList(m).Select(x => x.ToUpperInvariant()).ToList() : ["GET"])
            : [verb.ToUpperInvariant()];

    private static void Route(PythonFile file, FactSink sink, RouterTarget target, List<string> methods, Node arguments, int line, Node? handler, string? handlerName)
    {
        var pathNode = PythonFile.Positional(arguments).FirstOrDefault() is { Tree: not null } first ? first : PythonFile.Keyword(arguments, "path");
        var path = pathNode is { } pn ? PythonStrings.Evaluate(file, pn) : new PythonText("");
        var fullPath = PythonRoutes.JoinPath(target.Prefix, path.Text);
        var (parameters, body) = handler is { } h ? Parameters(file, h, fullPath) : (PythonRoutes.PathApiParameters(fullPath), null);
        var responses = Responses(file, arguments, handler);
        var tags = target.Tags.Concat(PythonFile.Keyword(arguments, "tags") is { } t ? file.StringList(t) : []).Distinct(StringComparer.Ordinal).ToList();
        var summary = PythonFile.Keyword(arguments, "summary") is { } s ? PythonStrings.Literal(file, s) : handler is { } hd ? PythonRoutes.DocSummary(hd) : null;
        var operationId = PythonFile.Keyword(arguments, "operation_id") is { } o ? PythonStrings.Literal(file, o) : null;
        var deprecated = PythonFile.Keyword(arguments, "deprecated") is { Type: "true" };
        foreach (var method in methods.Distinct(StringComparer.Ordinal))
        {
            sink.Endpoints.Add(new EndpointFact
            {
                Method = method,
                Path = fullPath,
                Source = EndpointSources.Code,
                Framework = Framework,
                Line = line,
                Scope = target.Scope,
                OperationId = operationId,
                Summary = summary,
                Tags = tags,
                Parameters = parameters,
                RequestBody = body,
                Responses = responses,
                Deprecated = deprecated,
                Handler = handlerName,
                Note = path.Known ? null : $"route partly unknown: {path.Unknown ?? path.BaseHint}",
                Confidence = path.Known ? null : 0.5,
            });
        }
    }

    private static IReadOnlyList<ApiResponse> Responses(PythonFile file, Node arguments, Node? handler)
    {
        var status = PythonFile.Keyword(arguments, "status_code") is { } code && PythonRoutes.StatusCode(code) is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "200";
        ApiSchema? schema = null;
        if (PythonFile.Keyword(arguments, "response_model") is { } model)
        {
            if (model.Type != "none") schema = PydanticModels.TypeSchema(file, model);
        }
        else if (handler?.ChildByFieldName("return_type") is { } returns && !RawResponses.Contains(returns.Text()) && returns.Text() != "None")
            schema = PydanticModels.TypeSchema(file, returns);
        return [new ApiResponse(status, null, schema is null ? [] : ["application/json"], schema)];
    }

    private static (IReadOnlyList<ApiParameter>, ApiRequestBody?) Parameters(PythonFile file, Node handler, string path)
    {
        var pathNames = PythonRoutes.PathParameters(path).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = new List<ApiParameter>();
        var bodies = new List<(string Name, ApiSchema Schema, bool Required)>();
        foreach (var (name, node) in file.Parameters(handler))
        {
            var annotation = node.ChildByFieldName("type");
            var value = node.Type is "default_parameter" or "typed_default_parameter" ? node.ChildByFieldName("value") : null;
            string? marker = null;
            Node? markerCall = null;
            if (annotation is { } a && Annotated(a) is { } annotated)
            {
                annotation = annotated.Type;
                (marker, markerCall) = (annotated.Marker, annotated.Call);
            }
            if (value is { Type: "call" } call && PythonFile.CalleeName(call) is { } callee && Markers.Contains(callee))
                (marker, markerCall) = (callee, call);
            if (marker is "Depends" or "Security") continue;
            var typeName = annotation is { } an ? an.Text() : null;
            if (typeName is not null && Injected.Contains(typeName)) continue;
            var schema = annotation is { } at ? PydanticModels.TypeSchema(file, at) : new ApiSchema();
            var markerArguments = markerCall?.ChildByFieldName("arguments");
            var hasDefault = markerCall is { } mc ? HasDefault(mc) : value is not null;
            var alias = PythonFile.Keyword(markerArguments, "alias") is { } al ? PythonStrings.Literal(file, al) : null;
            var description = PythonFile.Keyword(markerArguments, "description") is { } d ? PythonStrings.Literal(file, d) : null;
            var required = !hasDefault && !schema.Nullable;
            if (marker is "Body" or "Form" or "File" || (marker is null && !pathNames.Contains(name) && IsModel(file, annotation)))
            {
                bodies.Add((alias ?? name, schema, required));
                continue;
            }
            var @in = marker switch
            {
                "Path" => "path",
                "Header" => "header",
                "Cookie" => "cookie",
                "Query" => "query",
                _ => pathNames.Contains(name) ? "path" : "query",
            };
            var wireName = alias ?? (@in == "header" ? name.Replace('_', '-') : name);
            parameters.Add(new ApiParameter(wireName, @in, @in == "path" || required, schema, Description: description));
        }
        ApiRequestBody? body = bodies.Count switch
        {
            0 => null,
            1 => new ApiRequestBody(bodies[0].Required, ["application/json"], bodies[0].Schema),
            _ => new ApiRequestBody(bodies.Any(b => b.Required), ["application/json"], new ApiSchema
            {
                Types = ["object"],
                Properties = bodies.ToDictionary(b => b.Name, b => b.Schema, StringComparer.Ordinal),
                Required = bodies.Where(b => b.Required).Select(b => b.Name).Order(StringComparer.Ordinal).ToList(),
            }),
        };
        return (parameters, body);
    }

    private static readonly HashSet<string> Markers = ["Query", "Path", "Header", "Cookie", "Body", "Form", "File", "Depends", "Security"];

    /// <summary><c>Annotated[int, Query(gt=0)]</c> → the type and the marker call.</summary>
    private static (Node Type, string Marker, Node Call)? Annotated(Node annotation)
    {
        var inner = annotation.Type == "type" && annotation.NamedChildCount == 1 ? annotation.NamedChild(0) : annotation;
        if (inner.Type != "generic_type" || inner.NamedChild(0).Text() != "Annotated") return null;
        var parameters = inner.NamedChildren.FirstOrDefault(c => c.Type == "type_parameter");
        if (parameters.Tree is null || parameters.NamedChildCount < 2) return null;
        foreach (var metadata in parameters.NamedChildren.Skip(1))
        {
            var call = metadata.Type == "type" && metadata.NamedChildCount == 1 ? metadata.NamedChild(0) : metadata;
            if (call.Type == "call" && PythonFile.CalleeName(call) is { } callee && Markers.Contains(callee))
                return (parameters.NamedChild(0), callee, call);
        }
        return null;
    }

    /// <summary><c>Query(None)</c>, <c>Query(default=1)</c> have a default; <c>Query()</c> and <c>Query(...)</c> do not.</summary>
    private static bool HasDefault(Node call)
    {
        var arguments = call.ChildByFieldName("arguments");
        if (PythonFile.Keyword(arguments, "default") is { } d) return d.Type != "ellipsis";
        if (PythonFile.Keyword(arguments, "default_factory") is not null) return true;
        return PythonFile.Positional(arguments).FirstOrDefault() is { Tree: not null } first && first.Type != "ellipsis";
    }

    private static bool IsModel(PythonFile file, Node? annotation)
    {
        if (annotation is not { } a) return false;
        var schema = PydanticModels.TypeSchema(file, a);
        var name = schema.Ref ?? schema.Items?.Ref ?? schema.AnyOf?.FirstOrDefault(s => s.Ref is not null)?.Ref;
        if (name is null) return false;
        if (PydanticModels.IsEnum(file, name)) return false;
        return PydanticModels.IsModel(file, name) || (!file.Classes.ContainsKey(name) && char.IsUpper(name[0]));
    }
}
