using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// A client object of the file: <c>session = requests.Session()</c>, <c>httpx.Client(base_url=...)</c>, <c>TestClient(app)</c>.
/// <paramref name="Test"/>: it calls the application in process (a test client), so its calls are test code.
/// </summary>
internal sealed record PythonClient(string Client, string? BaseHint, bool Test = false);

/// <summary>
/// HTTP consumers: <c>requests</c>, <c>httpx</c> and <c>aiohttp</c> calls (module functions and client objects, with
/// <c>base_url</c>), test clients (FastAPI's <c>TestClient</c>, Flask's <c>test_client()</c>, DRF's <c>APIClient</c>,
/// httpx over the app, <c>self.client</c> of Django test cases) as test calls; functions that forward a URL parameter to
/// one (wrappers), and calls of any function with URL-like arguments (candidates the resolver matches to wrappers).
/// </summary>
internal static class HttpCalls
{
    public static readonly HashSet<string> Verbs = ["get", "post", "put", "patch", "delete", "head", "options", "request"];
    private static readonly HashSet<string> ClientModules = ["requests", "httpx"];
    private static readonly HashSet<string> DjangoTestCases = ["TestCase", "SimpleTestCase", "TransactionTestCase", "LiveServerTestCase", "APITestCase", "APISimpleTestCase", "APITransactionTestCase", "APILiveServerTestCase"];
    private static readonly HashSet<string> UrlLikeNames = ["url", "uri", "path", "endpoint", "route", "resource", "href", "link"];
    private static readonly HashSet<string> NotCandidates = ["path", "re_path", "url", "include", "print", "format", "join", "str", "len", "isinstance", "getattr", "setattr"];

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var clients = file.Clients;
        for (var i = 0; i < file.Calls.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var call = file.Calls[i];
            if (file.CallNames[i] is not { } name) continue;
            if (Verbs.Contains(name) && HttpCall(file, clients, call) is { } http) Consume(file, sink, call, http);
            else Candidate(file, sink, call, name, file.CallParents[i]);
        }
    }

    /// <summary>The client a call goes through when it is an HTTP call (<c>requests.get(...)</c>, <c>client.post(...)</c>).</summary>
    private static PythonClient? HttpCall(PythonFile file, Dictionary<string, PythonClient> clients, Node call)
    {
        if (call.ChildByFieldName("function") is not { Type: "attribute" } function) return null;
        var receiver = function.ChildByFieldName("object")!.Value;
        if (receiver.Type == "identifier" && ClientModules.Contains(receiver.Text()) && file.Imports.ContainsKey(receiver.Text()))
            return new PythonClient(receiver.Text(), null);
        if (receiver.Type == "call") return Constructed(file, receiver);
        var text = receiver.Text();
        if (clients.TryGetValue(text, out var client)) return client;
        return text == "self.client" && InDjangoTestCase(file, call) ? new PythonClient("django-testclient", null, Test: true) : null;
    }

    /// <summary>A call in a method of a Django or DRF test case, whose <c>self.client</c> is the framework's test client.</summary>
    private static bool InDjangoTestCase(PythonFile file, Node call)
    {
        if (!file.ImportsModule("django") && !file.ImportsModule("rest_framework")) return false;
        foreach (var (_, @class) in file.Classes)
            if (@class.StartByte <= call.StartByte && call.EndByte <= @class.EndByte)
                return @class.ChildByFieldName("superclasses") is { } bases
                    && bases.NamedChildren.Any(b => PythonFile.Dotted(b) is { } d && DjangoTestCases.Contains(d[^1]));
        return false;
    }

    private static readonly HashSet<string> ClientConstructors = ["Session", "session", "Client", "AsyncClient", "ClientSession", "TestClient", "test_client", "APIClient"];

    /// <summary>Client objects bound by assignment (<c>self.http = httpx.Client(...)</c>) or by <c>with ... as name</c>.</summary>
    public static Dictionary<string, PythonClient> Clients(PythonFile file)
    {
        var clients = new Dictionary<string, PythonClient>(StringComparer.Ordinal);
        for (var i = 0; i < file.Calls.Count; i++)
        {
            if (file.CallNames[i] is not { } name || !ClientConstructors.Contains(name) || Constructed(file, file.Calls[i]) is not { } client) continue;
            var parent = file.CallParents[i];
            if (parent.Type == "assignment" && parent.ChildByFieldName("left") is { } left) clients[left.Text()] = client;
            else if (parent.Type == "as_pattern" && parent.ChildByFieldName("alias") is { } alias) clients[alias.Text()] = client;
            else if (parent.Type == "await" && parent.Parent is { Type: "assignment" } awaited && awaited.ChildByFieldName("left") is { } l) clients[l.Text()] = client;
        }
        return clients;
    }

    /// <summary>The client a constructor call makes (<c>httpx.Client(base_url=...)</c>, <c>TestClient(app)</c>, <c>app.test_client()</c>), if any.</summary>
    public static PythonClient? Constructed(PythonFile file, Node call)
    {
        var function = call.ChildByFieldName("function");
        // create_app().test_client() has no dotted name: its last name still says what it makes.
        var name = function is { } f ? PythonFile.Dotted(f) ?? (PythonFile.CalleeName(call) is { } last ? [last] : null) : null;
        var arguments = call.ChildByFieldName("arguments");
        string? client = name switch
        {
            ["requests", "Session"] or ["requests", "session"] => "requests",
            ["Session"] when file.Imports.TryGetValue("Session", out var i) && i.Module == "requests" => "requests",
            ["httpx", "Client" or "AsyncClient"] => "httpx",
            ["Client" or "AsyncClient"] when file.Imports.TryGetValue(name[0], out var i) && i.Module == "httpx" => "httpx",
            ["aiohttp", "ClientSession"] or ["ClientSession"] => "aiohttp",
            ["TestClient"] or [.., "TestClient"] => "fastapi-testclient",
            [.., "test_client"] => "flask-testclient",
            ["APIClient"] or [.., "APIClient"] => "drf-apiclient",
            _ => null,
        };
        if (client is null) return null;
        if (client == "httpx" && InProcess(arguments)) return new PythonClient(client, null, Test: true);
        string? hint = null;
        if (PythonFile.Keyword(arguments, "base_url") is { } baseUrl)
        {
            var value = PythonStrings.Evaluate(file, baseUrl);
            // A base held by another module stays a marker: the resolver fills it in, or falls back to the marker's hint.
            hint = value.BaseHint ?? (value.Unknown is null ? value.Text : null);
        }
        return new PythonClient(client, hint, Test: client is "fastapi-testclient" or "flask-testclient" or "drf-apiclient");
    }

    /// <summary>An httpx client over the application itself (<c>app=app</c>, <c>transport=ASGITransport(app=app)</c>): its base URL is a placeholder.</summary>
    private static bool InProcess(Node? arguments) =>
        PythonFile.Keyword(arguments, "app") is not null
        || PythonFile.Keyword(arguments, "transport") is { Type: "call" } transport && PythonFile.CalleeName(transport) is "ASGITransport" or "WSGITransport";

    /// <summary>The method (null when not a literal) and URL expression of <c>client.get(url)</c> or <c>client.request("GET", url)</c>.</summary>
    public static (string? Method, Node Url, Node? MethodNode)? Request(PythonFile file, Node call)
    {
        var verb = call.ChildByFieldName("function")!.Value.ChildByFieldName("attribute")!.Value.Text();
        var arguments = call.ChildByFieldName("arguments");
        var positional = PythonFile.Positional(arguments);
        Node? methodNode = null, urlNode;
        if (verb == "request")
        {
            methodNode = PythonFile.Keyword(arguments, "method") ?? positional.ElementAtOrDefault(0);
            urlNode = PythonFile.Keyword(arguments, "url") ?? (positional.Count > 1 ? positional[1] : null);
        }
        else urlNode = PythonFile.Keyword(arguments, "url") ?? positional.ElementAtOrDefault(0);
        if (urlNode is not { Tree: not null } url) return null;
        var method = verb == "request" ? (methodNode is { Tree: not null } m ? PythonStrings.Literal(file, m)?.ToUpperInvariant() : null) : verb.ToUpperInvariant();
        return (method, url, methodNode);
    }

    /// <summary>A call site for a request whose URL expression is <paramref name="url"/>.</summary>
    public static CallSiteFact CallSite(PythonFile file, Node call, Node url, string? method, PythonClient client)
    {
        var text = PythonStrings.Evaluate(file, url);
        return new CallSiteFact
        {
            Client = client.Client,
            Method = method,
            Url = text.Text,
            Line = PythonFile.Line(call),
            BaseHint = text.BaseHint ?? text.DefaultOf ?? client.BaseHint,
            Unresolved = text.Unresolved,
            Test = client.Test,
        };
    }

    private static void Consume(PythonFile file, FactSink sink, Node call, PythonClient client)
    {
        if (Request(file, call) is not { } request) return;
        var (method, urlExpression, methodNode) = request;
        if (file.EnclosingFunction(call) is { } function && Forwarded(file, urlExpression, function) is { } forwarded)
        {
            var parameters = file.Parameters(function);
            int? methodArgument = methodNode is { Type: "identifier" } mn ? parameters.FindIndex(p => p.Name == mn.Text()) : null;
            sink.Wrappers.Add(new WrapperFact(function.ChildByFieldName("name")!.Value.Text(), parameters.Count, forwarded.Index,
                methodArgument is >= 0 ? methodArgument : null, method, client.Client, PythonFile.Line(function), forwarded.Prefix)
            { ClientScope = null });
            return;
        }
        sink.CallSites.Add(CallSite(file, call, urlExpression, method, client));
    }

    /// <summary>
    /// When the URL forwards a parameter of its function: the parameter's index and the known text before it. A value
    /// dropped into a path (<c>f"/orders/{order_id}"</c>) is not a forwarded URL.
    /// </summary>
    private static (int Index, string? Prefix)? Forwarded(PythonFile file, Node url, Node function)
    {
        var parameters = file.Parameters(function);
        var parts = Parts(url);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Type != "identifier") continue;
            var index = parameters.FindIndex(p => p.Name == parts[i].Text());
            if (index < 0) continue;
            if (i == 0) return (index, null);
            var before = parts.Take(i).Select(p => p.Type == "string_content" ? new PythonText(p.Text()) : PythonStrings.Evaluate(file, p)).Aggregate((a, b) => a.Append(b));
            var urlLike = UrlLikeNames.Contains(parts[i].Text()) || parts[i].Text().EndsWith("_url", StringComparison.Ordinal) || parts[i].Text().EndsWith("_path", StringComparison.Ordinal);
            if (!urlLike && before.Text.EndsWith('/')) return null;
            return (index, before.Text.Length == 0 ? null : before.Text);
        }
        return null;
    }

    /// <summary>The pieces of a string built by <c>+</c> or an f-string, in order (literal pieces as string nodes).</summary>
    private static List<Node> Parts(Node node)
    {
        switch (node.Type)
        {
            case "binary_operator" when node.ChildByFieldName("operator")?.Text() == "+":
                return [.. Parts(node.ChildByFieldName("left")!.Value), .. Parts(node.ChildByFieldName("right")!.Value)];
            case "string" when node.NamedChildren.Any(c => c.Type == "interpolation"):
                return node.NamedChildren.Where(c => c.Type is "interpolation" or "string_content")
                    .Select(c => c.Type == "interpolation" ? c.ChildByFieldName("expression")!.Value : c).ToList();
            default:
                return [node];
        }
    }

    private static void Candidate(PythonFile file, FactSink sink, Node call, string name, Node parent)
    {
        if (NotCandidates.Contains(name) || parent.Type == "decorator") return;
        // Most calls have no string argument: check before collecting the positional ones (a string is never a keyword or splat).
        if (call.ChildByFieldName("arguments") is not { } list || !list.NamedChildren.Any(IsStringExpression)) return;
        var positional = PythonFile.Positional(list);
        var arguments = positional.Select(a => a.Type is "string" or "concatenated_string" or "binary_operator" or "identifier" or "attribute" or "call"
            ? PythonStrings.Evaluate(file, a) is { Unresolved: null } value ? value.Text : null
            : null).ToList();
        if (!arguments.Any(a => a is not null && (a.StartsWith('/') || a.StartsWith("http", StringComparison.OrdinalIgnoreCase) || (a.StartsWith('{') && SymbolReference.HasAny(a))))) return;
        sink.CallCandidates.Add(new CallCandidateFact(name, arguments, PythonFile.Line(call)));
    }

    private static bool IsStringExpression(Node argument) => argument.Type is "string" or "concatenated_string" or "binary_operator";
}
