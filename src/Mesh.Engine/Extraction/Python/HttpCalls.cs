using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>A client object of the file: <c>session = requests.Session()</c>, <c>httpx.Client(base_url=...)</c>, <c>TestClient(app)</c>.</summary>
internal sealed record PythonClient(string Client, string? BaseHint);

/// <summary>
/// HTTP consumers: <c>requests</c>, <c>httpx</c> and <c>aiohttp</c> calls (module functions and client objects, with
/// <c>base_url</c>), FastAPI and Flask test clients; functions that forward a URL parameter to one (wrappers), and
/// calls of any function with URL-like arguments (candidates the resolver matches to wrappers).
/// </summary>
internal static class HttpCalls
{
    private static readonly HashSet<string> Verbs = ["get", "post", "put", "patch", "delete", "head", "options", "request"];
    private static readonly HashSet<string> ClientModules = ["requests", "httpx"];
    private static readonly HashSet<string> UrlLikeNames = ["url", "uri", "path", "endpoint", "route", "resource", "href", "link"];
    private static readonly HashSet<string> NotCandidates = ["path", "re_path", "url", "include", "print", "format", "join", "str", "len", "isinstance", "getattr", "setattr"];

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var clients = Clients(file);
        foreach (var call in file.Calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HttpCall(file, clients, call) is { } http) Consume(file, sink, call, http.Client, http.BaseHint);
            else Candidate(file, sink, call);
        }
    }

    /// <summary>The client a call goes through when it is an HTTP call (<c>requests.get(...)</c>, <c>client.post(...)</c>).</summary>
    private static PythonClient? HttpCall(PythonFile file, Dictionary<string, PythonClient> clients, Node call)
    {
        if (call.ChildByFieldName("function") is not { Type: "attribute" } function) return null;
        if (!Verbs.Contains(function.ChildByFieldName("attribute")!.Value.Text())) return null;
        var receiver = function.ChildByFieldName("object")!.Value;
        if (receiver.Type == "identifier" && ClientModules.Contains(receiver.Text()) && file.Imports.ContainsKey(receiver.Text()))
            return new PythonClient(receiver.Text(), null);
        if (receiver.Type == "call") return Constructed(file, receiver);
        return clients.TryGetValue(receiver.Text(), out var client) ? client : null;
    }

    /// <summary>Client objects bound by assignment (<c>self.http = httpx.Client(...)</c>) or by <c>with ... as name</c>.</summary>
    private static Dictionary<string, PythonClient> Clients(PythonFile file)
    {
        var clients = new Dictionary<string, PythonClient>(StringComparer.Ordinal);
        foreach (var call in file.Calls)
        {
            if (Constructed(file, call) is not { } client || file.ParentOf(call) is not { } parent) continue;
            if (parent.Type == "assignment" && parent.ChildByFieldName("left") is { } left) clients[left.Text()] = client;
            else if (parent.Type == "as_pattern" && parent.ChildByFieldName("alias") is { } alias) clients[alias.Text()] = client;
            else if (parent.Type == "await" && parent.Parent is { Type: "assignment" } awaited && awaited.ChildByFieldName("left") is { } l) clients[l.Text()] = client;
        }
        return clients;
    }

    private static PythonClient? Constructed(PythonFile file, Node call)
    {
        var function = call.ChildByFieldName("function");
        var name = function is { } f ? PythonFile.Dotted(f) : null;
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
            _ => null,
        };
        if (client is null) return null;
        string? hint = null;
        if (PythonFile.Keyword(arguments, "base_url") is { } baseUrl)
        {
            var value = PythonStrings.Evaluate(file, baseUrl);
            hint = value.BaseHint ?? (value.Unknown is null ? value.Text : null);
        }
        return new PythonClient(client, hint);
    }

    private static void Consume(PythonFile file, FactSink sink, Node call, string client, string? baseHint)
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
        if (urlNode is not { Tree: not null } urlExpression) return;
        var method = verb == "request" ? (methodNode is { Tree: not null } m ? PythonStrings.Literal(file, m)?.ToUpperInvariant() : null) : verb.ToUpperInvariant();
        if (PythonFile.EnclosingFunction(call) is { } function && Forwarded(file, urlExpression, function) is { } forwarded)
        {
            var parameters = PythonFile.Parameters(function);
            int? methodArgument = methodNode is { Type: "identifier" } mn ? parameters.FindIndex(p => p.Name == mn.Text()) : null;
            sink.Wrappers.Add(new WrapperFact(function.ChildByFieldName("name")!.Value.Text(), parameters.Count, forwarded.Index,
                methodArgument is >= 0 ? methodArgument : null, method, client, PythonFile.Line(function), forwarded.Prefix)
            { ClientScope = null });
            return;
        }
        var url = PythonStrings.Evaluate(file, urlExpression);
        sink.CallSites.Add(new CallSiteFact
        {
            Client = client,
            Method = method,
            Url = url.Text,
            Line = PythonFile.Line(call),
            BaseHint = url.BaseHint ?? baseHint,
            Unresolved = url.Unresolved,
        });
    }

    /// <summary>
    /// When the URL forwards a parameter of its function: the parameter's index and the known text before it. A value
    /// dropped into a path (<c>f"/orders/{order_id}"</c>) is not a forwarded URL.
    /// </summary>
    private static (int Index, string? Prefix)? Forwarded(PythonFile file, Node url, Node function)
    {
        var parameters = PythonFile.Parameters(function);
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

    private static void Candidate(PythonFile file, FactSink sink, Node call)
    {
        if (PythonFile.CalleeName(call) is not { } name || NotCandidates.Contains(name)) return;
        if (file.ParentOf(call) is { Type: "decorator" }) return;
        var positional = PythonFile.Positional(call.ChildByFieldName("arguments"));
        if (positional.Count == 0) return;
        var arguments = positional.Select(a => a.Type is "string" or "concatenated_string" or "binary_operator" or "identifier" or "attribute" or "call"
            ? PythonStrings.Evaluate(file, a) is { Unresolved: null } value ? value.Text : null
            : null).ToList();
        if (!positional.Any(a => a.Type is "string" or "concatenated_string" or "binary_operator")) return;
        if (!arguments.Any(a => a is not null && (a.StartsWith('/') || a.StartsWith("http", StringComparison.OrdinalIgnoreCase)))) return;
        sink.CallCandidates.Add(new CallCandidateFact(name, arguments, PythonFile.Line(call)));
    }
}
