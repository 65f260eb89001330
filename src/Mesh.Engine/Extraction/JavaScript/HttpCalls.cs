using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// HTTP calls: <c>fetch</c>, axios (functions, config objects, instances), Angular <c>HttpClient</c>, ky, superagent,
/// and generated OpenAPI clients that pass <c>{ method, url }</c> to a request function (patterns in <c>HttpCalls.scm</c>). A function that forwards one
/// of its parameters as the URL is a wrapper: its callers become call sites (through <see cref="CallCandidates"/>),
/// and its own call is not reported.
/// </summary>
internal static class HttpCalls
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["post"] = "POST", ["put"] = "PUT", ["patch"] = "PATCH", ["delete"] = "DELETE", ["head"] = "HEAD", ["options"] = "OPTIONS",
    };

    /// <summary>A recognised call: where its URL and method come from.</summary>
    private sealed record HttpCall(string Client, Node? Url, string? Method, Node? MethodNode, string? BaseHint, ApiSchema? Response, string? ClientScope = null);

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var clients = new HttpClients(file);
        var calls = new SortedDictionary<(int, int), Node>();
        foreach (var call in file.Calls)
            if (call.ByName && (call.Name == "fetch" || clients.Modules.ContainsKey(call.Name) || clients.Instances.ContainsKey(call.Name)))
                calls.TryAdd((call.Node.StartByte, call.Node.EndByte), call.Node);
        foreach (var match in file.Matches("JavaScript/HttpCalls.scm"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (match["call"] is { } call) calls.TryAdd((call.StartByte, call.EndByte), call);
            else if (GeneratedCall(file, match["url"]!.Value) is { } generated) calls.TryAdd((generated.StartByte, generated.EndByte), generated);
        }
        foreach (var call in calls.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.IsClaimed(call) || Recognize(file, clients, call) is not { } http) continue;
            file.Claim(call);
            if (http.Url is not { } urlNode) continue;
            if (Wrapper(file, call, http, urlNode) is { } wrapper)
            {
                sink.Wrappers.Add(wrapper);
                continue;
            }
            var url = file.Strings.Url(urlNode);
            sink.CallSites.Add(new CallSiteFact
            {
                OperationId = http.Client == "generated" && file.EnclosingFunction(call) is { } operation ? JsFile.FunctionName(operation) : null,
                Client = http.Client,
                Method = http.Method ?? (http.MethodNode is { } m ? MethodText(file, m) : null),
                Url = url.Text,
                Line = call.Start.Line,
                BaseHint = url.BaseHint ?? http.BaseHint,
                ResponseSchema = http.Response,
                ClientScope = http.ClientScope ?? (http.Client == "angular" ? AngularInterceptors.Scope : null),
                Unresolved = url.Unresolved,
            });
        }
        foreach (var (scope, hint, line) in clients.ExportedBases(file))
            sink.ClientBindings.Add(new ClientBindingFact(scope, hint, line));
    }

    /// <summary>The call an object with a <c>url</c> is given to (<c>request(OpenAPI, { method, url })</c>), if it is.</summary>
    private static Node? GeneratedCall(JsFile file, Node url)
    {
        var ancestors = file.Ancestors(url);
        return ancestors.Count >= 3 && ancestors[^1].Type == "object" && ancestors[^2].Type == "arguments" && ancestors[^3].Type == "call_expression"
            ? ancestors[^3] : null;
    }

    private static HttpCall? Recognize(JsFile file, HttpClients clients, Node call)
    {
        // `await api.get<T>(url)` parses as a call of `await api.get` when it has type arguments.
        if (call.ChildByFieldName("function") is not { } function) return null;
        var callee = JsFile.Strip(function);
        var response = TypeArgument(call);
        var args = JsFile.Arguments(call);
        if (callee.Type == "identifier")
        {
            var name = callee.Text();
            if (name == "fetch") return Fetch(file, args, response);
            if (clients.Modules.TryGetValue(name, out var module) && module is "axios" or "ky")
                return Configured(module, args, null, response);
            if (clients.Instances.TryGetValue(name, out var instance))
                return Configured(instance.Client, args, instance.BaseHint, response);
            return Generated(args, response);
        }
        if (callee.Type != "member_expression" || callee.ChildByFieldName("object") is not { } owner || callee.ChildByFieldName("property")?.Text() is not { } verb)
            return Generated(args, response);
        if (verb == "fetch" && owner.Text() is "window" or "globalThis" or "self") return Fetch(file, args, response);
        // A fetch function held elsewhere (`this.http.fetch(url_, options_)` in NSwag clients), given a RequestInit with a method.
        if (verb == "fetch" && args.Count > 1 && Options(file, args[1]) is { } init && JsFile.Property(init, "method") is not null)
            return Fetch(file, args, response);
        string? client = null, baseHint = null;
        var ownerName = owner.Type == "identifier" ? owner.Text()
            : owner.Type == "member_expression" && owner.ChildByFieldName("object")?.Type == "this" ? owner.ChildByFieldName("property")?.Text() : null;
        if (ownerName is null) return VerbWithUrl(verb, args, response) ?? Generated(args, response);
        if (owner.Type == "identifier" && clients.Modules.TryGetValue(ownerName, out var m)) client = m;
        else if (clients.Instances.TryGetValue(ownerName, out var instance)) (client, baseHint) = instance;
        else if (owner.Type == "member_expression" && clients.AngularFields.Contains(ownerName)) client = "angular";
        if (client is null && owner.Type == "identifier" && Verbs.TryGetValue(verb, out var imported) && args.Count > 0
            && file.Imports.TryGetValue(ownerName, out var import) && JsFile.IsRepoModule(import.Module) && import.Export != "*"
            && file.Strings.Url(args[0]).Text.StartsWith('/'))
        {
            // An HTTP client instance from the repo's own module (api.ts: export default axios.create(...)); its base is bound there.
            return new HttpCall("axios", args[0], imported, null, null, response, $"js:{import.Module}@{import.Export}");
        }
        if (client is null) return VerbWithUrl(verb, args, response) ?? Generated(args, response);
        if (Verbs.TryGetValue(verb, out var method) || (client == "superagent" && verb == "del" && (method = "DELETE") is not null))
            return args.Count > 0 ? new HttpCall(client, args[0], method, null, baseHint, response) : null;
        if (verb == "request" && client == "angular" && args.Count >= 2)
            return new HttpCall(client, args[1], JsFile.StringValue(args[0])?.ToUpperInvariant(), args[0], baseHint, response);
        if (verb == "request" && client == "axios") return Configured(client, args, baseHint, response);
        return null;
    }

    private static HttpCall? Fetch(JsFile file, List<Node> args, ApiSchema? response)
    {
        if (args.Count == 0) return null;
        var methodNode = args.Count > 1 && Options(file, args[1]) is { } options ? JsFile.Property(options, "method") : null;
        return new HttpCall("fetch", args[0], methodNode is null ? "GET" : JsFile.StringValue(methodNode.Value)?.ToUpperInvariant(), methodNode, null, response);
    }

    /// <summary>An options object written in place, or held by a local declared before the call.</summary>
    private static Node? Options(JsFile file, Node argument)
    {
        argument = JsFile.Strip(argument);
        if (argument.Type == "identifier" && file.Strings.LocalValue(argument, argument.Text()) is { } local) argument = JsFile.Strip(local);
        return argument.Type == "object" ? argument : null;
    }

    /// <summary>
    /// A generated client's request by verb (<c>@hey-api/openapi-ts</c>: <c>(options.client ?? client).get({ url: "/items/{id}", ...options })</c>):
    /// a verb method of anything given an object whose <c>url</c> is a literal path.
    /// </summary>
    private static HttpCall? VerbWithUrl(string verb, List<Node> args, ApiSchema? response)
    {
        if (!Verbs.TryGetValue(verb, out var method) || args.Count == 0 || JsFile.Strip(args[0]) is not { Type: "object" } options
            || JsFile.Property(options, "url") is not { } url || JsFile.StringValue(url) is not { } path || !path.StartsWith('/'))
            return null;
        return new HttpCall("generated", url, method, null, null, response);
    }

    /// <summary><c>axios(url, config)</c>, <c>axios(config)</c>, <c>axios.request(config)</c>, <c>ky(url, options)</c>.</summary>
    private static HttpCall? Configured(string client, List<Node> args, string? baseHint, ApiSchema? response)
    {
        if (args.Count == 0) return null;
        var first = JsFile.Strip(args[0]);
        Node? url = first, config = args.Count > 1 ? JsFile.Strip(args[1]) : null;
        if (first.Type == "object")
        {
            config = first;
            url = JsFile.Property(first, "url");
        }
        var methodNode = config is { Type: "object" } c ? JsFile.Property(c, "method") : null;
        var method = methodNode is null ? "GET" : JsFile.StringValue(methodNode.Value)?.ToUpperInvariant();
        return url is null ? null : new HttpCall(client, url, method, methodNode, baseHint, response);
    }

    /// <summary>
    /// Generated OpenAPI clients: <c>request(OpenAPI, { method: "GET", url: "/orders/{id}" })</c> (openapi-typescript-codegen,
    /// orval), <c>this.request({ path: `/pet/{petId}`.replace(...), method: "GET" })</c> (openapi-generator typescript-fetch),
    /// in a method the generator named after the operation id (<c>getOrder</c>), which the call carries.
    /// </summary>
    private static HttpCall? Generated(List<Node> args, ApiSchema? response)
    {
        foreach (var arg in args)
        {
            // An object with a handler declares a route (hapi's server.route({ method, path, handler })), it sends nothing.
            if (JsFile.Strip(arg) is not { Type: "object" } options || JsFile.Property(options, "handler") is not null) continue;
            if (JsFile.Property(options, "method") is { } method && (JsFile.Property(options, "url") ?? JsFile.Property(options, "path")) is { } url
                && JsFile.StringValue(method) is { } verb && Verbs.ContainsKey(verb.ToLowerInvariant()))
                return new HttpCall("generated", url, verb.ToUpperInvariant(), null, null, response);
        }
        return null;
    }

    private static ApiSchema? TypeArgument(Node call) =>
        call.ChildByFieldName("type_arguments") is { NamedChildCount: > 0 } types ? TypeDeclarations.Returned(types.NamedChild(0)) : null;

    private static string? MethodText(JsFile file, Node method)
    {
        var value = file.Strings.Evaluate(method);
        return value.Complete && Verbs.ContainsKey(value.Text.ToLowerInvariant()) ? value.Text.ToUpperInvariant() : null;
    }

    /// <summary>
    /// When the call's URL is a parameter of the enclosing named function (after a constant prefix), or a property of its
    /// options parameter (<c>({ url, method = "GET" }) =&gt; fetch(url, { method })</c>), that function is a wrapper.
    /// </summary>
    private static WrapperFact? Wrapper(JsFile file, Node call, HttpCall http, Node url)
    {
        if (file.EnclosingFunction(call) is not { } function || JsFile.CallableName(function) is not { } name) return null;
        var bindings = JsFile.Bindings(function);
        if (Forwarded(file, url, bindings, 0) is not { } forwarded) return null;
        int? methodArgument = null;
        string? methodProperty = null, method = null;
        if (http.MethodNode is { } m && JsFile.Strip(m) is { Type: "identifier" or "shorthand_property_identifier" } methodId
            && bindings.TryGetValue(methodId.Text(), out var binding))
        {
            (methodArgument, methodProperty) = (binding.Index, binding.Property);
            method = binding.Default is { } fallback ? MethodText(file, fallback) : null;
        }
        else
            method = http.Method ?? (http.MethodNode is { } node ? MethodText(file, node) : null);
        return new WrapperFact(name, JsFile.Parameters(function).Count, forwarded.Index, methodArgument, method, http.Client,
            (function.ChildByFieldName("name") ?? function).Start.Line, forwarded.Prefix,
            http.ClientScope ?? (http.Client == "angular" ? AngularInterceptors.Scope : null), http.Response, forwarded.Property, methodProperty);
    }

    /// <summary>A URL taken from a parameter (<paramref name="Property"/> of it, when destructured), written after <paramref name="Prefix"/>.</summary>
    private sealed record Forward(int Index, string? Property, string Name, string? Prefix);

    private static Forward? Forwarded(JsFile file, Node url, Dictionary<string, JsBinding> bindings, int depth)
    {
        url = JsFile.Strip(url);
        if (depth > 2) return null;
        switch (url.Type)
        {
            case "identifier" or "shorthand_property_identifier":
                if (bindings.TryGetValue(url.Text(), out var binding)) return new Forward(binding.Index, binding.Property, url.Text(), null);
                return file.Strings.LocalValue(url, url.Text()) is { } local ? Forwarded(file, local, bindings, depth + 1) : null;
            case "binary_expression" when url.ChildByFieldName("operator")?.Text() == "+"
                                           && Forwarded(file, url.ChildByFieldName("right")!.Value, bindings, depth + 1) is { Prefix: null } right:
                return Segment(right with { Prefix = Prefix(file.Strings.Evaluate(url.ChildByFieldName("left")!.Value)) });
            case "template_string":
                var substitutions = url.NamedChildren.Where(p => p.Type == "template_substitution").ToList();
                var source = url.Tree.Source.Span;
                // The forwarded URL ends the path: at the template's end, or where a query string starts (`${url}?${query}`).
                var end = -1;
                for (var k = 0; k < substitutions.Count && end < 0; k++)
                {
                    var next = k + 1 < substitutions.Count ? substitutions[k + 1].StartByte : url.EndByte - 1;
                    var after = source[substitutions[k].EndByte..Math.Max(substitutions[k].EndByte, next)];
                    if (after.Length == 0 ? k == substitutions.Count - 1 : after[0] is (byte)'?' or (byte)'#') end = k;
                }
                if (end < 0 || substitutions[end].NamedChildCount == 0
                    || Forwarded(file, substitutions[end].NamedChild(0), bindings, depth + 1) is not { Prefix: null } last)
                    return null;
                var before = new JsText("");
                var position = url.StartByte + 1;
                foreach (var part in substitutions.Take(end))
                {
                    before += new JsText(System.Text.Encoding.UTF8.GetString(source[position..part.StartByte]));
                    before += part.NamedChildCount > 0 ? file.Strings.Evaluate(part.NamedChild(0)) : new JsText("");
                    position = part.EndByte;
                }
                before += new JsText(System.Text.Encoding.UTF8.GetString(source[position..substitutions[end].StartByte]));
                return Segment(last with { Prefix = Prefix(before) });
            default:
                return null;
        }
    }

    private static string? Prefix(JsText text) => text.Text.Length == 0 ? null : text.Text;

    private static readonly string[] UrlLikeNames = ["url", "uri", "path", "endpoint", "route", "resource", "address", "location", "href"];

    /// <summary>
    /// A value dropped into a path segment or query (<c>`/orders/${id}`</c>, <c>`/orders?status=${s}`</c>) is not a forwarded URL,
    /// unless its name says it is one; a URL follows a base (<c>/api/v2</c>, <c>{API_URL}</c>) directly.
    /// </summary>
    private static Forward? Segment(Forward forwarded)
    {
        if (forwarded.Prefix is not { } prefix || char.IsLetterOrDigit(prefix[^1]) || prefix[^1] == '}') return forwarded;
        return UrlLikeNames.Any(n => forwarded.Name.Contains(n, StringComparison.OrdinalIgnoreCase)) ? forwarded : null;
    }
}
