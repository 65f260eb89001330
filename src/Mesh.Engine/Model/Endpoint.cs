namespace Mesh.Engine.Model;

/// <summary>Where an endpoint's contract was read from.</summary>
public static class EndpointSources
{
    public const string OpenApi = "openapi";
    public const string Code = "code";
}

/// <remarks><see cref="In"/> is <see cref="Bag"/> only between extraction and resolution: a type whose members are the parameters.</remarks>
public sealed record ApiParameter(
    string Name,
    /// <summary><c>path</c>, <c>query</c>, <c>header</c> or <c>cookie</c>.</summary>
    string In,
    bool Required,
    ApiSchema? Schema,
    bool Deprecated = false,
    string? Description = null,
    /// <summary>The day the parameter goes away (OpenAPI <c>x-sunset</c> on the parameter), as written.</summary>
    string? Sunset = null,
    /// <summary>Declared once for the whole path (OpenAPI path-item <c>parameters</c>), not by the operation itself.</summary>
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool PathLevel = false)
{
    /// <summary>ASP.NET Core <c>[AsParameters]</c>: the schema's properties are parameters, expanded by the resolver.</summary>
    public const string Bag = "bag";
}

public sealed record ApiRequestBody(bool Required, IReadOnlyList<string> ContentTypes, ApiSchema? Schema);

public sealed record ApiResponse(
    /// <summary>Status code as declared: <c>200</c>, <c>4XX</c> or <c>default</c>.</summary>
    string Status,
    string? Description,
    IReadOnlyList<string> ContentTypes,
    ApiSchema? Schema,
    IReadOnlyList<ApiHeader>? Headers = null);

/// <summary>A response header, sorted by name in <see cref="ApiResponse.Headers"/>.</summary>
public sealed record ApiHeader(string Name, bool Required = false, ApiSchema? Schema = null, bool Deprecated = false);

/// <summary>
/// An operation as an extractor reads it from one file's bytes: no repo, no file path, so that the facts of a
/// blob can be shared by every repo, branch and path that holds the same content.
/// </summary>
public sealed record EndpointFact
{
    /// <summary>The <see cref="Method"/> of an endpoint that answers every method (Express <c>app.all</c>); calls of any method link to it.</summary>
    public const string AnyMethod = "*";

    /// <summary>Upper case (<c>GET</c>), or <see cref="AnyMethod"/>.</summary>
    public required string Method { get; init; }
    /// <summary>The route template as declared, e.g. <c>/orders/{id}</c>.</summary>
    public required string Path { get; init; }
    public required string Source { get; init; }
    /// <summary><c>openapi-2.0</c>, <c>openapi-3.0</c>, <c>openapi-3.1</c>, <c>aspnetcore</c>, <c>fastapi</c>, ...</summary>
    public required string Framework { get; init; }
    /// <summary>1-based line of the operation in its file.</summary>
    public int Line { get; init; }
    /// <summary>Server base path the route is relative to (OpenAPI <c>servers</c> or <c>basePath</c>), if any.</summary>
    public string? BasePath { get; init; }
    public string? OperationId { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];
    public ApiRequestBody? RequestBody { get; init; }
    public IReadOnlyList<ApiResponse> Responses { get; init; } = [];

    /// <summary>Every schema the operation holds directly: parameters, request body, response bodies and headers.</summary>
    public IEnumerable<ApiSchema> Schemas()
    {
        foreach (var parameter in Parameters)
            if (parameter.Schema is { } schema) yield return schema;
        if (RequestBody?.Schema is { } body) yield return body;
        foreach (var response in Responses)
        {
            if (response.Schema is { } schema) yield return schema;
            foreach (var header in response.Headers ?? [])
                if (header.Schema is { } headerSchema) yield return headerSchema;
        }
    }

    public bool Deprecated { get; init; }

    /// <summary>The day the operation goes away (OpenAPI <c>x-sunset</c>), as written: a date, or text that failed to parse as one.</summary>
    public string? Sunset { get; init; }

    /// <summary>
    /// Security requirements in effect; a client must satisfy one of them. Each is its schemes sorted by name and
    /// joined by <c> + </c>, a scheme written <c>name</c> or <c>name[scope1 scope2]</c> with sorted scopes; <c>{}</c>
    /// is the empty requirement (anonymous access allowed). Sorted. Null when none is declared; empty when the
    /// operation opts out (<c>security: []</c>).
    /// </summary>
    public IReadOnlyList<string>? Security { get; init; }

    /// <summary>True when <see cref="Security"/> is the document's global requirement, not the operation's own.</summary>
    public bool SecurityInherited { get; init; }

    /// <summary>Declared stability (OpenAPI <c>x-stability-level</c>: <c>draft</c>, <c>alpha</c>, <c>beta</c>, <c>stable</c>), as written.</summary>
    public string? Stability { get; init; }

    /// <summary>
    /// When set, <see cref="Path"/> is relative to this scope, mounted by <see cref="MountFact"/>s (possibly from other
    /// files); the resolver composes the full route. Null: the route is absolute.
    /// </summary>
    public string? Scope { get; init; }

    /// <summary>
    /// The route belongs to its <see cref="Scope"/> as a method belongs to a class (a Django REST Framework viewset's
    /// <c>list</c>, <c>retrieve</c> and <c>@action</c>s): it is served only where the scope is mounted, and dropped when
    /// nothing mounts it; where a class is mounted into a subclass (prefix empty), the subclass's route of the same method
    /// and path overrides it.
    /// </summary>
    public bool ClassMember { get; init; }

    /// <summary>Values of route tokens such as <c>[controller]</c> and <c>[action]</c>, replaced after composition.</summary>
    public IReadOnlyDictionary<string, string>? RouteTokens { get; init; }

    /// <summary>API versions the endpoint serves (e.g. <c>1.0</c>), when declared.</summary>
    public IReadOnlyList<string>? Versions { get; init; }

    /// <summary>How sure the extractor is, in [0,1]; null means certain. See <see cref="Note"/> for why it is lower.</summary>
    public double? Confidence { get; init; }

    public string? Note { get; init; }

    /// <summary><c>grpc</c> for gRPC services; null for plain HTTP.</summary>
    public string? Kind { get; init; }

    /// <summary>The code that handles the request (method or class name), for code sources.</summary>
    public string? Handler { get; init; }
}

/// <summary>What a repo provides: an operation bound to its repo and file, with a stable id.</summary>
public sealed record Endpoint(string Id, string Repo, string File, string PathKey, EndpointFact Fact)
{
    public string Method => Fact.Method;
    public string Path => Fact.Path;
    public int Line => Fact.Line;
}
