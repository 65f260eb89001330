namespace Mesh.Engine.Model;

/// <summary>
/// A named schema of a repo. Schemas from API description documents are scoped to their file (<see cref="Source"/>
/// <c>openapi</c>); types declared in code are one repo-wide table (<c>code</c>).
/// </summary>
public sealed record NamedSchema(string File, string Name, ApiSchema Schema, string Source);

/// <summary>Everything one repo provides and consumes at one revision, resolved across its files.</summary>
public sealed record RepoSurface(
    string Repo,
    IReadOnlyList<Endpoint> Endpoints,
    IReadOnlyList<CallSite> CallSites,
    IReadOnlyList<NamedSchema> Schemas,
    IReadOnlyList<FileDiagnostic> Diagnostics)
{
    /// <summary>Configuration values, gateway routes and service declarations, with the file that holds each.</summary>
    public IReadOnlyList<(string File, ConfigValueFact Fact)> ConfigValues { get; init; } = [];
    public IReadOnlyList<(string File, ProxyRouteFact Fact)> ProxyRoutes { get; init; } = [];
    public IReadOnlyList<(string File, ServiceDeclarationFact Fact)> Services { get; init; } = [];

    /// <summary>API description documents (version, security schemes, webhooks), with the file that holds each.</summary>
    public IReadOnlyList<(string File, ApiDocumentFact Fact)> Documents { get; init; } = [];
}
