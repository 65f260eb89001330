using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// pytest: fixtures that provide an HTTP client (<c>@pytest.fixture def client(): return TestClient(app)</c>, also
/// yielded, bound by <c>with ... as</c>, or built on another fixture they take as a parameter), and the requests that
/// test functions and fixtures make on a parameter injected by name (<c>def test_x(client): client.get("/orders/1")</c>).
/// The fixture is often in another file (<c>conftest.py</c>): the resolver pairs them by name. A parameter annotated
/// with a test client type needs no fixture.
/// </summary>
internal static class Pytest
{
    /// <summary>The client of a fixture call until the resolver finds its fixture.</summary>
    private const string Unresolved = "pytest-fixture";

    private static readonly Dictionary<string, string> ClientTypes = new(StringComparer.Ordinal)
    {
        ["TestClient"] = "fastapi-testclient",
        ["FlaskClient"] = "flask-testclient",
        ["APIClient"] = "drf-apiclient",
    };

    public static void Read(PythonFile file, FactSink sink, CancellationToken cancellationToken)
    {
        var fixtures = new HashSet<int>();
        foreach (var decorated in file.DecoratedDefinitions)
        {
            if (decorated.ChildByFieldName("definition") is not { Type: "function_definition" } function || FixtureName(file, decorated, function) is not { } name) continue;
            fixtures.Add(function.StartByte);
            if (Provided(file, file.Clients, function) is var (client, from) && (client is not null || from is not null))
                sink.ClientFixtures.Add(new ClientFixtureFact(name, client?.Client, from, PythonFile.Line(function), client?.BaseHint));
        }
        for (var i = 0; i < file.Calls.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.CallNames[i] is not { } verb || !HttpCalls.Verbs.Contains(verb)) continue;
            var call = file.Calls[i];
            if (call.ChildByFieldName("function")?.ChildByFieldName("object") is not { Type: "identifier" } receiver) continue;
            if (file.EnclosingFunction(call) is not { } function || function.ChildByFieldName("name")?.Text() is not { } functionName) continue;
            var name = receiver.Text();
            if (file.Parameters(function).FirstOrDefault(p => p.Name == name) is not { Node.Tree: not null } parameter) continue;
            // A parameter typed as a test client is one in any function (a helper that logs in); an untyped one only where pytest injects it.
            var typed = TypeName(parameter.Node) is { } type && ClientTypes.TryGetValue(type, out var kind) ? kind : null;
            if (typed is null && !functionName.StartsWith("test", StringComparison.Ordinal) && !fixtures.Contains(function.StartByte)) continue;
            if (file.Clients.ContainsKey(name) || HttpCalls.Request(file, call) is not { } request) continue;
            var (method, url, _) = request;
            if (typed is not null)
                sink.CallSites.Add(HttpCalls.CallSite(file, call, url, method, new PythonClient(typed, null, Test: true)));
            else
                sink.FixtureCalls.Add(new FixtureCallFact(name, HttpCalls.CallSite(file, call, url, method, new PythonClient(Unresolved, null, Test: true))));
        }
    }

    /// <summary>The name a fixture is requested by (its <c>name=</c>, else the function's), or null when the function is no fixture.</summary>
    private static string? FixtureName(PythonFile file, Node decorated, Node function)
    {
        foreach (var decorator in decorated.NamedChildren)
        {
            if (decorator.Type != "decorator" || decorator.NamedChildCount == 0) continue;
            var expression = decorator.NamedChild(0);
            var callee = expression.Type == "call" ? expression.ChildByFieldName("function")!.Value : expression;
            if (PythonFile.Dotted(callee) is not { } parts || parts[^1] != "fixture") continue;
            var fromPytest = parts.Count > 1
                ? parts[0] is "pytest" or "pytest_asyncio"
                : file.Imports.TryGetValue("fixture", out var import) && import.Module.StartsWith("pytest", StringComparison.Ordinal);
            if (!fromPytest) continue;
            if (expression.Type == "call" && PythonFile.Keyword(expression.ChildByFieldName("arguments"), "name") is { } named && PythonStrings.Literal(file, named) is { } alias)
                return alias;
            return function.ChildByFieldName("name")!.Value.Text();
        }
        return null;
    }

    /// <summary>
    /// What a fixture returns or yields: a client it makes (or bound in this file), or a fixture it takes as a parameter
    /// (<c>def auth_client(client): ...; return client</c>). The first answer wins.
    /// </summary>
    private static (PythonClient? Client, string? From) Provided(PythonFile file, Dictionary<string, PythonClient> clients, Node function)
    {
        if (function.ChildByFieldName("body") is not { } body) return (null, null);
        foreach (var node in body.Descendants(namedOnly: true))
        {
            if (node.Type is not ("return_statement" or "yield") || node.NamedChildCount == 0) continue;
            if (file.EnclosingFunction(node) != function) continue;
            var value = node.NamedChild(0);
            if (value.Type == "await" && value.NamedChildCount == 1) value = value.NamedChild(0);
            if (value.Type == "call" && HttpCalls.Constructed(file, value) is { } made) return (made, null);
            if (value.Type != "identifier") continue;
            if (clients.TryGetValue(value.Text(), out var bound)) return (bound, null);
            if (file.Parameters(function).Any(p => p.Name == value.Text())) return (null, value.Text());
        }
        return (null, null);
    }

    /// <summary>The last name of a parameter's type annotation (<c>client: TestClient</c> → <c>TestClient</c>).</summary>
    private static string? TypeName(Node parameter) =>
        parameter.Type is "typed_parameter" or "typed_default_parameter" && parameter.ChildByFieldName("type") is { NamedChildCount: > 0 } type
            && PythonFile.Dotted(type.NamedChild(0)) is { } parts
            ? parts[^1]
            : null;
}
