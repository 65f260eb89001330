namespace Mesh.Engine.Model;

/// <summary>An HTTP call as an extractor reads it from one file's bytes (no repo, no path).</summary>
public sealed record CallSiteFact
{
    /// <summary><c>HttpClient</c>, <c>Refit</c>, <c>fetch</c>, <c>axios</c>, <c>requests</c>, <c>httpx</c>, ...</summary>
    public required string Client { get; init; }
    /// <summary>Upper-case method, or null when the code does not say.</summary>
    public string? Method { get; init; }
    /// <summary>The URL as written in the code.</summary>
    public required string Url { get; init; }
    public int Line { get; init; }
    /// <summary>Base-URL hint: literal host, config key, env var or service name.</summary>
    public string? BaseHint { get; init; }
    public ApiSchema? RequestSchema { get; init; }
    public ApiSchema? ResponseSchema { get; init; }

    /// <summary>The typed client class or named client the call goes through; the resolver turns its binding into <see cref="BaseHint"/>.</summary>
    public string? ClientScope { get; init; }

    /// <summary>Why the URL could not be resolved completely (dynamic value, unknown member...), or null when it was.</summary>
    public string? Unresolved { get; init; }

    /// <summary>The repo function the call goes through, when the call site is a caller of a wrapper.</summary>
    public string? Via { get; init; }

    /// <summary>The OpenAPI operation a generated client's call implements (the generated method's name), when known.</summary>
    public string? OperationId { get; init; }

    /// <summary>Calls of functions of other files that stand as holes in <see cref="Url"/>; the resolver replaces them and clears this.</summary>
    public IReadOnlyList<UrlHelperCall>? Helpers { get; init; }

    /// <summary>Test code wherever its file is: the call goes through an in-process test client (FastAPI's <c>TestClient</c>, Flask's <c>test_client()</c>, a client fixture).</summary>
    public bool Test { get; init; }
}

/// <summary>What a repo consumes: a call site bound to its repo and file.</summary>
public sealed record CallSite(string Id, string Repo, string File, string? PathKey, bool IsTest, CallSiteFact Fact)
{
    public int Line => Fact.Line;
}

/// <summary>A call site matched to an endpoint, with how sure we are and why; <see cref="Via"/> names a gateway route followed.</summary>
public sealed record Link(string CallSite, string Endpoint, double Score, string Reason, string? Via = null);

/// <summary>
/// A call site that matches no endpoint, and why (dynamic URL, unknown base, no such route). <see cref="Tail"/> is the
/// last literal segment of its path (lower case), to find quickly the unresolved calls that might target an endpoint.
/// </summary>
public sealed record UnresolvedCall(string CallSite, string Reason, string? Tail = null);
