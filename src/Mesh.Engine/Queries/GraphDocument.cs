using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Queries;

/// <summary>The whole graph as one document (<c>mesh graph --format json</c>): repos, endpoints, call sites, links, schemas.</summary>
public sealed record GraphDocument(
    IReadOnlyList<GraphRepo> Repos,
    IReadOnlyList<GraphEndpoint> Endpoints,
    IReadOnlyList<GraphCallSite> CallSites,
    IReadOnlyList<Link> Links,
    IReadOnlyList<GraphSchema> Schemas)
{
    public static GraphDocument From(GraphSnapshot graph) => new(
        graph.Repos.Select(r => new GraphRepo(r.Name, r.Location, r.Ref, r.Revision, r.Endpoints, r.CallSites, r.Diagnostics)).ToList(),
        graph.Endpoints.Select(e => new GraphEndpoint(e.Id, e.Repo, e.Method, e.Path, e.PathKey, e.Fact.BasePath, e.Fact.Source,
            e.Fact.Framework, e.File, e.Line, e.Fact.OperationId, e.Fact.Summary, e.Fact.Deprecated, e.Fact.Parameters,
            e.Fact.RequestBody, e.Fact.Responses, e.Fact.Versions, e.Fact.Kind, e.Fact.Handler, e.Fact.Confidence, e.Fact.Note)).ToList(),
        graph.CallSites.Select(c => new GraphCallSite(c.Id, c.Repo, c.File, c.Line, c.Fact.Method, c.Fact.Url, c.PathKey,
            c.Fact.Client, c.Fact.BaseHint, c.IsTest, c.Fact.Via, c.Fact.Unresolved, c.Fact.RequestSchema, c.Fact.ResponseSchema)).ToList(),
        graph.Links,
        graph.Schemas.Select(s => new GraphSchema(s.Repo, s.Schema.File, s.Schema.Name, s.Schema.Source, s.Schema.Schema)).ToList());
}

public sealed record GraphRepo(string Name, string Location, string Ref, string Revision, int Endpoints, int CallSites, int Diagnostics);

public sealed record GraphEndpoint(
    string Id, string Repo, string Method, string Path, string PathKey, string? BasePath, string Source, string Framework,
    string File, int Line, string? OperationId, string? Summary, bool Deprecated, IReadOnlyList<ApiParameter> Parameters,
    ApiRequestBody? RequestBody, IReadOnlyList<ApiResponse> Responses, IReadOnlyList<string>? Versions, string? Kind,
    string? Handler, double? Confidence, string? Note);

public sealed record GraphCallSite(
    string Id, string Repo, string File, int Line, string? Method, string Url, string? PathKey, string Client, string? BaseHint, bool IsTest,
    string? Via, string? Unresolved, ApiSchema? RequestSchema, ApiSchema? ResponseSchema);

/// <summary>A named schema that endpoints and call sites of a repo refer to by name.</summary>
public sealed record GraphSchema(string Repo, string File, string Name, string Source, ApiSchema Schema);
