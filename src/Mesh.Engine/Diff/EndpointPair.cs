using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>An endpoint with the schema table its references resolve in (its OpenAPI document's, or its repo's code types).</summary>
public sealed record EndpointVersion(Endpoint Endpoint, SchemaTable Schemas)
{
    public EndpointFact Fact => Endpoint.Fact;

    /// <summary>The schema with references followed; null when absent or unresolvable.</summary>
    public ApiSchema? Resolve(ApiSchema? schema) => Schemas.Resolve(schema);
}

/// <summary>One operation at base and head, matched by path key and method; a side is null when it does not exist there.</summary>
public sealed record EndpointPair(EndpointVersion? Base, EndpointVersion? Head)
{
    private EndpointVersion Either => Head ?? Base ?? throw new InvalidOperationException("an endpoint pair needs at least one side");

    public string Method => Either.Endpoint.Method;

    /// <summary>The route as written at head (base when removed), with its server base path.</summary>
    public string Path => (Either.Fact.BasePath ?? "").TrimEnd('/') + Either.Endpoint.Path;

    /// <summary>True when head has no operation at all under this path key (the whole path went, not one method).</summary>
    public bool PathGone { get; init; }

    /// <summary>True when base had no operation under this path key (a new path, not a new method).</summary>
    public bool PathNew { get; init; }

    public bool Added => Base is null;
    public bool Removed => Head is null;
}
