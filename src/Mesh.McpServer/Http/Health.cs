using Mesh.Engine.Indexing;

namespace Mesh.McpServer.Http;

/// <summary>What <c>/healthz</c> says: the server is up, and the state of its index (no repo names or paths: it needs no token).</summary>
public sealed record Health(string Status, string Version, int Repos, int Endpoints, int CallSites, DateTimeOffset? LastIndexedAt, bool Indexing)
{
    public static Health Of(WorkspaceIndex index)
    {
        var repos = index.Store.Repos();
        return new Health("ok", Tools.MeshServer.Version, repos.Count, repos.Sum(r => r.Endpoints), repos.Sum(r => r.CallSites),
            repos.Count == 0 ? null : repos.Max(r => r.IndexedAt), index.IsIndexing);
    }
}
