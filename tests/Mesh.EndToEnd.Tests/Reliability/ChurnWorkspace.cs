using System.Globalization;
using System.Text;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.EndToEnd.Tests.Reliability;

/// <summary>
/// Repos with many FastAPI handlers that call each other and one OpenAPI spec each, at two revisions on branches
/// <c>a</c> and <c>b</c>: half of the files differ between them, so indexing <c>b</c> after <c>a</c> parses some files,
/// takes others from the cache and rewrites every repo. mesh.json names the branch every repo is indexed at.
/// </summary>
public sealed class ChurnWorkspace : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly List<TempRepo> _repos = [];

    private ChurnWorkspace(int repos, int files, int operations)
    {
        for (var r = 0; r < repos; r++)
        {
            var repo = _workspace.AddRepo(RepoName(r));
            _repos.Add(repo);
            Write(repo, r, repos, files, operations, "a");
            repo.Commit("a");
            Branch(repo, "a");
            Write(repo, r, repos, files, operations, "b");
            repo.Commit("b");
            Branch(repo, "b");
        }
        UseRevision("a");
    }

    public static ChurnWorkspace Create(int repos = 3, int files = 120, int operations = 150) => new(repos, files, operations);

    public string Root => _workspace.Root;

    public string DatabasePath => _workspace.DatabasePath;

    public IReadOnlyList<string> RepoNames => _repos.Select(r => r.Name).ToList();

    public static string RepoName(int r) => $"svc{r}";

    /// <summary>Points every repo of mesh.json at branch <paramref name="revision"/> (a or b).</summary>
    public void UseRevision(string revision) =>
        _workspace.WriteConfig(_repos.Select(r => (object)new { name = r.Name, path = r.Name, @ref = revision }).ToArray());

    private static void Write(TempRepo repo, int r, int repos, int files, int operations, string revision)
    {
        var next = RepoName((r + 1) % repos);
        for (var f = 0; f < files; f++)
        {
            // Odd files are the same at both revisions: their facts come from the cache when b follows a.
            var tag = f % 2 == 0 ? revision : "same";
            repo.Write($"app/routes_{f:D3}.py",
                $$"""
                from fastapi import FastAPI
                import requests

                app = FastAPI()


                @app.get("/{{tag}}/items{{f}}/{item_id}")
                def read_item_{{f}}(item_id: int):
                    return requests.get(f"http://{{next}}/{{tag}}/items{{f}}/{item_id}").json()


                @app.post("/{{tag}}/items{{f}}")
                def create_item_{{f}}(body: dict):
                    return requests.post("http://{{next}}/{{tag}}/items{{f}}", json=body).json()
                """);
        }
        var spec = new StringBuilder($"openapi: 3.0.3\ninfo:\n  title: {repo.Name}\n  version: '{revision}'\npaths:\n");
        for (var o = 0; o < operations; o++)
        {
            spec.Append(CultureInfo.InvariantCulture, $"  /{revision}/spec{o}/{{id}}:\n    get:\n      operationId: get{revision}{o}\n");
            spec.Append("      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n");
            spec.Append("      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n");
            spec.Append(CultureInfo.InvariantCulture, $"              schema:\n                type: object\n                properties:\n                  f{o}: {{type: integer}}\n");
        }
        repo.Write("api/openapi.yaml", spec.ToString());
    }

    private static void Branch(TempRepo repo, string name)
    {
        using var git = new LibGit2Sharp.Repository(repo.Path);
        git.Branches.Add(name, git.Head.Tip);
    }

    /// <summary>
    /// What the store holds of each repo, as text that equals a clean index's of the same revision: the revision, the
    /// ids of its endpoints and call sites, and the counts of every other kind of fact, plus whether the repo row's counts
    /// agree with the rows stored.
    /// </summary>
    public static Dictionary<string, string> Fingerprints(string databasePath)
    {
        var store = SqliteGraphStore.Open(databasePath);
        var graph = store.Graph();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var repo in graph.Repos)
        {
            var surface = store.Surface(repo.Name)!;
            var endpoints = graph.Endpoints.Where(e => e.Repo == repo.Name).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
            var calls = graph.CallSites.Where(c => c.Repo == repo.Name).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
            result[repo.Name] = $"revision {repo.Revision}; rows agree {repo.Endpoints == endpoints.Count && repo.CallSites == calls.Count && repo.Diagnostics == surface.Diagnostics.Count}; " +
                $"files {repo.FilesRelevant}/{repo.FilesSeen}; schemas {surface.Schemas.Count}; diagnostics {surface.Diagnostics.Count}; " +
                $"endpoints {endpoints.Count}: {string.Join(',', endpoints)}; call sites {calls.Count}: {string.Join(',', calls)}";
        }
        return result;
    }

    /// <summary>Every link of the store, one per line, sorted.</summary>
    public static string Links(string databasePath) =>
        string.Join('\n', SqliteGraphStore.Open(databasePath).Graph().Links.Select(l => $"{l.CallSite} -> {l.Endpoint} {l.Score:0.###} {l.Reason} {l.Via}"));

    /// <summary>SQLite's own check of the file: "ok" when every page and index is sound.</summary>
    public static string IntegrityCheck(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }
}
