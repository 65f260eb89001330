using System.ComponentModel;
using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Indexing;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

[McpServerResourceType]
public sealed class RepoResources
{
    [McpServerResource(UriTemplate = "mesh://repos", Name = "repos", Title = "Repos of the workspace", MimeType = "application/json")]
    [Description("The workspace's repos: location, ref, indexed revision and counts of endpoints and call sites.")]
    public static string Repos(WorkspaceIndex index)
    {
        var stored = index.Store.Repos().ToDictionary(r => r.Name, StringComparer.Ordinal);
        var repos = index.Workspace.Repos.Select(r =>
        {
            var s = stored.GetValueOrDefault(r.Name);
            return new RepoEntry(r.Name, r.Path, r.RefOrHead, s?.Revision, s?.IndexedAt, s?.Endpoints ?? 0, s?.CallSites ?? 0,
                s?.Diagnostics ?? 0, s is null ? "not indexed yet: call the reindex tool" : null, $"mesh://repos/{r.Name}/apis");
        }).ToList();
        return JsonSerializer.Serialize(new { repos }, MeshJson.Indented);
    }

    [McpServerResource(UriTemplate = "mesh://repos/{repo}/apis", Name = "repo_apis", Title = "API surface of a repo", MimeType = "application/json")]
    [Description("Every endpoint a repo provides, with parameters, request and response schemas, and the named schemas they reference.")]
    public static string Apis(WorkspaceIndex index, [Description("Repo name.")] string repo)
    {
        try
        {
            index.Repo(repo);
        }
        catch (MeshException e)
        {
            throw new McpProtocolException(e.Message, McpErrorCode.ResourceNotFound);
        }
        var surface = index.Store.Surface(repo)
            ?? throw new McpProtocolException($"repo '{repo}' is not indexed yet; call the reindex tool first", McpErrorCode.ResourceNotFound);
        var endpoints = surface.Endpoints.Select(e => new
        {
            e.Id, e.Method, e.Path, e.PathKey, e.File, e.Line, e.Fact.BasePath, e.Fact.OperationId, e.Fact.Summary,
            e.Fact.Source, e.Fact.Framework, e.Fact.Deprecated, e.Fact.Tags, e.Fact.Parameters, e.Fact.RequestBody, e.Fact.Responses,
        });
        var schemas = surface.Schemas.Select(s => new { s.File, s.Name, s.Schema });
        return JsonSerializer.Serialize(new { repo, endpoints, schemas, diagnostics = surface.Diagnostics }, MeshJson.Indented);
    }

    [McpServerResource(UriTemplate = "mesh://graph", Name = "graph", Title = "Service graph", MimeType = "text/vnd.mermaid")]
    [Description("The service graph as a mermaid diagram: repos as nodes, linked call counts on edges.")]
    public static string Graph(WorkspaceIndex index) => Engine.Queries.ServiceGraph.Mermaid(index.Store.Graph());

    private sealed record RepoEntry(string Name, string Location, string Ref, string? Revision, DateTimeOffset? IndexedAt,
        int Endpoints, int CallSites, int Diagnostics, string? Note, string ApisUri);
}
