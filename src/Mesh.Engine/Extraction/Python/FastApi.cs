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
            ? PythonRoutes.Methods(file, arguments) ?? ["GET"]
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

    /// <summary>How a body field travels: JSON, a urlencoded form field (<c>Form()</c>), or a multipart part (<c>File()</c>, <c>UploadFile</c>).</summary>
    private enum BodyKind { Json, Form, File }

    private sealed record BodyField(string Name, ApiSchema Schema, bool Required, BodyKind Kind, bool Embed);

    private static (IReadOnlyList<ApiParameter>, ApiRequestBody?) Parameters(PythonFile file, Node handler, string path)
    {
        var pathNames = PythonRoutes.PathParameters(path).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = new List<ApiParameter>();
        var bodies = new List<BodyField>();
        Collect(file, handler, pathNames, parameters, bodies, 0);
        return (parameters, Body(bodies));
    }

    private const int MaxDependencyDepth = 4;

    /// <summary>The request fields a function's parameters declare; a class dependency (<c>Depends()</c>) adds its constructor's.</summary>
    private static void Collect(PythonFile file, Node function, HashSet<string> pathNames, List<ApiParameter> parameters, List<BodyField> bodies, int depth)
    {
        foreach (var (name, node) in file.Parameters(function))
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
            var markerArguments = markerCall?.ChildByFieldName("arguments");
            if (marker is "Depends" or "Security")
            {
                // Depends() without a callable, or with a class: FastAPI calls the class, so its constructor's parameters are request fields.
                var dependency = PythonFile.Keyword(markerArguments, "dependency") ?? PythonFile.Positional(markerArguments).FirstOrDefault();
                var classNode = dependency is { Tree: not null } d ? d : annotation;
                if (classNode is { } cn && depth < MaxDependencyDepth) ClassDependency(file, cn.Text(), pathNames, parameters, bodies, depth);
                continue;
            }
            var typeName = annotation is { } an ? an.Text() : null;
            if (typeName is not null && Injected.Contains(typeName)) continue;
            var schema = annotation is { } at ? PydanticModels.TypeSchema(file, at) : new ApiSchema();
            var hasDefault = markerCall is { } mc ? HasDefault(mc) : value is not null;
            var alias = PythonFile.Keyword(markerArguments, "alias") is { } al ? PythonStrings.Literal(file, al) : null;
            var description = PythonFile.Keyword(markerArguments, "description") is { } desc ? PythonStrings.Literal(file, desc) : null;
            var required = !hasDefault && !schema.Nullable;
            var upload = typeName is not null && typeName.Contains("UploadFile", StringComparison.Ordinal);
            if (marker is "Body" or "Form" or "File" || (marker is null && upload) || (marker is null && !pathNames.Contains(name) && IsModel(file, annotation)))
            {
                var kind = marker == "Form" ? BodyKind.Form : marker == "File" || upload ? BodyKind.File : BodyKind.Json;
                if (upload) schema = new ApiSchema { Types = ["string"], Format = "binary" };
                bodies.Add(new BodyField(alias ?? name, schema, required, kind, PythonFile.Keyword(markerArguments, "embed") is { Type: "true" }));
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
    }

    /// <summary>
    /// A class used as a dependency: FastAPI's own OAuth2 password forms (their fields are form fields), or a class of
    /// this file, read through its <c>__init__</c> when it has one (else its annotated fields, as a dataclass or model's
    /// generated constructor takes them).
    /// </summary>
    private static void ClassDependency(PythonFile file, string name, HashSet<string> pathNames, List<ApiParameter> parameters, List<BodyField> bodies, int depth)
    {
        if (OAuth2Forms.TryGetValue(name, out var strict))
        {
            var text = new ApiSchema { Types = ["string"] };
            bodies.Add(new BodyField("grant_type", strict ? text : text with { Nullable = true }, strict, BodyKind.Form, false));
            bodies.Add(new BodyField("username", text, true, BodyKind.Form, false));
            bodies.Add(new BodyField("password", text with { Format = "password" }, true, BodyKind.Form, false));
            bodies.Add(new BodyField("scope", text, false, BodyKind.Form, false));
            bodies.Add(new BodyField("client_id", text with { Nullable = true }, false, BodyKind.Form, false));
            bodies.Add(new BodyField("client_secret", text with { Nullable = true, Format = "password" }, false, BodyKind.Form, false));
            return;
        }
        if (!file.Classes.TryGetValue(name, out var @class)) return;
        if (Constructor(@class) is { } constructor)
        {
            Collect(file, constructor, pathNames, parameters, bodies, depth + 1);
            return;
        }
        foreach (var (field, type, value) in PydanticModels.Fields(@class))
        {
            if (type is not { } t) continue;
            var schema = PydanticModels.TypeSchema(file, t);
            parameters.Add(new ApiParameter(field, pathNames.Contains(field) ? "path" : "query", pathNames.Contains(field) || (value is null && !schema.Nullable), schema));
        }
    }

    /// <summary>The class's own <c>__init__</c>, if it declares one.</summary>
    private static Node? Constructor(Node @class)
    {
        if (@class.ChildByFieldName("body") is not { } body) return null;
        foreach (var statement in body.NamedChildren)
        {
            var definition = statement.Type == "decorated_definition" ? statement.ChildByFieldName("definition") : statement;
            if (definition is { Type: "function_definition" } f && f.ChildByFieldName("name")?.Text() == "__init__") return f;
        }
        return null;
    }

    /// <summary>FastAPI's form classes for the OAuth2 password flow, and whether <c>grant_type</c> is required.</summary>
    private static readonly Dictionary<string, bool> OAuth2Forms = new(StringComparer.Ordinal)
    {
        ["OAuth2PasswordRequestForm"] = false,
        ["OAuth2PasswordRequestFormStrict"] = true,
    };

    /// <summary>
    /// The request body: one JSON field is the body itself unless embedded; several are properties of one object. Form
    /// fields are always properties of the form, sent urlencoded, or as multipart when one of them is a file.
    /// </summary>
    private static ApiRequestBody? Body(List<BodyField> bodies)
    {
        if (bodies.Count == 0) return null;
        var form = bodies.Any(b => b.Kind != BodyKind.Json);
        if (!form && bodies.Count == 1 && !bodies[0].Embed) return new ApiRequestBody(bodies[0].Required, ["application/json"], bodies[0].Schema);
        var contentType = !form ? "application/json" : bodies.Any(b => b.Kind == BodyKind.File) ? "multipart/form-data" : "application/x-www-form-urlencoded";
        var fields = bodies.DistinctBy(b => b.Name, StringComparer.Ordinal).ToList();
        return new ApiRequestBody(fields.Any(b => b.Required), [contentType], new ApiSchema
        {
            Types = ["object"],
            Properties = fields.ToDictionary(b => b.Name, b => b.Schema, StringComparer.Ordinal),
            Required = fields.Where(b => b.Required).Select(b => b.Name).Order(StringComparer.Ordinal).ToList(),
        });
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
