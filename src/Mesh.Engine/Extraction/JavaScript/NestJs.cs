using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// NestJS: <c>@Controller("orders")</c> classes with <c>@Get(":id")</c> handlers; paths compose in the file and every
/// endpoint is relative to the <c>nest:controllers</c> scope, which <c>app.setGlobalPrefix("api")</c> (in main.ts) mounts.
/// Parameters come from <c>@Param</c>/<c>@Query</c>/<c>@Headers</c>, the body from <c>@Body() dto: T</c>, the response
/// from the declared return type. Patterns in <c>NestJs.scm</c>.
/// </summary>
internal static class NestJs
{
    public const string Scope = "nest:controllers";

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["Get"] = "GET", ["Post"] = "POST", ["Put"] = "PUT", ["Patch"] = "PATCH", ["Delete"] = "DELETE", ["Head"] = "HEAD", ["Options"] = "OPTIONS",
    };

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var controllers = new SortedDictionary<int, (Node Class, Node Decorator)>();
        foreach (var match in file.Matches("JavaScript/NestJs.scm"))
        {
            if (match["prefix"] is { } argument)
            {
                if (JsFile.StringValue(argument) is not { } prefix) continue;
                var call = match["call"]!.Value;
                sink.Mounts.Add(new MountFact(Scope, null, prefix, call.Start.Line));
                file.Claim(call);
            }
            else
            {
                var type = match["class"]!.Value;
                controllers.TryAdd(type.StartByte, (type, match["controller"]!.Value));
            }
        }
        foreach (var (type, controller) in controllers.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (basePath, versions) = ControllerRoute(controller);
            var className = type.ChildByFieldName("name")?.Text();
            if (type.ChildByFieldName("body") is not { } body) continue;
            var pending = new List<Node>();
            foreach (var member in body.NamedChildren)
            {
                if (member.Type == "decorator") { pending.Add(member); continue; }
                if (member.Type == "comment") continue;
                if (member.Type == "method_definition") ReadHandler(sink, className, basePath, versions, pending, member);
                pending.Clear();
            }
        }
    }

    private static void ReadHandler(FactSink sink, string? className, string basePath, IReadOnlyList<string>? versions, List<Node> decorators, Node method)
    {
        var verb = decorators.FirstOrDefault(d => Name(d) is { } n && Verbs.ContainsKey(n));
        if (verb.Tree is null) return;
        var call = Call(verb);
        var route = call is { } c && JsFile.Argument(c, 0) is { } arg ? JsFile.StringValue(arg) ?? "" : "";
        var methodVersions = decorators.FirstOrDefault(d => Name(d) == "Version") is { Tree: not null } version && Call(version) is { } vc
            ? VersionList(JsFile.Argument(vc, 0)) : versions;
        var httpMethod = Verbs[Name(verb)!];
        var status = decorators.FirstOrDefault(d => Name(d) == "HttpCode") is { Tree: not null } code && Call(code) is { } cc && JsFile.Argument(cc, 0) is { Type: "number" } n
            ? n.Text() : httpMethod == "POST" ? "201" : "200";
        var (parameters, body) = Parameters(method);
        var returned = TypeDeclarations.Returned(method.ChildByFieldName("return_type"));
        var name = method.ChildByFieldName("name")?.Text();
        sink.Endpoints.Add(new EndpointFact
        {
            Method = httpMethod,
            Path = Join(basePath, route),
            Source = EndpointSources.Code,
            Framework = "nestjs",
            Line = verb.Start.Line,
            Scope = Scope,
            Parameters = parameters,
            RequestBody = body,
            Responses = [new ApiResponse(status, null, returned is null ? [] : ["application/json"], returned)],
            Versions = methodVersions,
            Handler = className is null ? name : $"{className}.{name}",
        });
    }

    private static (List<ApiParameter>, ApiRequestBody?) Parameters(Node method)
    {
        var parameters = new List<ApiParameter>();
        ApiRequestBody? body = null;
        foreach (var parameter in JsFile.Parameters(method))
        {
            var type = parameter.ChildByFieldName("type");
            var schema = type is { } t ? TypeDeclarations.Schema(t) : null;
            var optional = parameter.Type == "optional_parameter";
            foreach (var decorator in parameter.NamedChildren.Where(c => c.Type == "decorator"))
            {
                var key = Call(decorator) is { } call && JsFile.Argument(call, 0) is { } arg ? JsFile.StringValue(arg) : null;
                switch (Name(decorator))
                {
                    case "Param" when key is not null:
                        parameters.Add(new ApiParameter(key, "path", true, schema));
                        break;
                    case "Query" when key is not null:
                        parameters.Add(new ApiParameter(key, "query", !optional, schema));
                        break;
                    case "Query":
                        if (schema is not null) parameters.Add(new ApiParameter(JsFile.ParameterName(parameter) ?? "query", ApiParameter.Bag, false, schema));
                        break;
                    case "Headers" when key is not null:
                        parameters.Add(new ApiParameter(key, "header", !optional, schema));
                        break;
                    case "Body" when key is null:
                        body = new ApiRequestBody(!optional, ["application/json"], schema);
                        break;
                }
            }
        }
        return (parameters, body);
    }

    private static (string Path, IReadOnlyList<string>? Versions) ControllerRoute(Node controller)
    {
        if (Call(controller) is not { } call || JsFile.Argument(call, 0) is not { } arg) return ("", null);
        if (JsFile.StringValue(arg) is { } path) return (path, null);
        if (arg.Type == "array" && arg.NamedChildren.Select(JsFile.StringValue).FirstOrDefault(p => p is not null) is { } first) return (first, null);
        if (arg.Type == "object")
            return (JsFile.Property(arg, "path") is { } p ? JsFile.StringValue(p) ?? "" : "", VersionList(JsFile.Property(arg, "version")));
        return ("", null);
    }

    private static IReadOnlyList<string>? VersionList(Node? node) => node switch
    {
        null => null,
        { Type: "array" } array => array.NamedChildren.Select(JsFile.StringValue).OfType<string>().ToList(),
        { } single => JsFile.StringValue(single) is { } v ? [v] : null,
    };

    private static Node? Call(Node decorator) =>
        decorator.NamedChildCount > 0 && decorator.NamedChild(0) is { Type: "call_expression" } call ? call : null;

    private static string? Name(Node decorator)
    {
        if (decorator.NamedChildCount == 0) return null;
        var inner = decorator.NamedChild(0);
        return inner.Type == "call_expression" ? inner.ChildByFieldName("function")?.Text() : inner.Text();
    }

    private static string Join(string basePath, string route)
    {
        var parts = new[] { basePath.Trim('/'), route.Trim('/') }.Where(p => p.Length > 0);
        return "/" + string.Join('/', parts);
    }
}
