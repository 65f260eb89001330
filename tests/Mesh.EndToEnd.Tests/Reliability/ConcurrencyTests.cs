using System.Collections.Concurrent;
using System.Text.Json;
using Mesh.EndToEnd.Tests.Infrastructure;
using Mesh.Engine.Storage;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.EndToEnd.Tests.Reliability;

/// <summary>Several <c>mesh serve</c> processes answering over stdio while another process re-indexes the same store.</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Stdio_servers_querying_during_reindexes_answer_without_errors_and_each_answer_is_one_revision()
    {
        using var workspace = ChurnWorkspace.Create(repos: 2, files: 30, operations: 40);
        var atA = await Mesh(workspace.Root, "index");
        Assert.True(atA.ExitCode == 0, atA.ToString());
        workspace.UseRevision("b");
        var referenceB = workspace.DatabasePath + ".b";
        var atB = await Mesh(workspace.Root, "index", "--db", referenceB);
        Assert.True(atB.ExitCode == 0, atB.ToString());
        workspace.UseRevision("a");
        SqliteConnection.ClearAllPools();
        var a = EndpointIds(workspace.DatabasePath);
        var b = EndpointIds(referenceB);

        var clients = new List<McpClient>();
        try
        {
            for (var i = 0; i < 3; i++) clients.Add(await Serve(workspace.Root, i));
            using var writing = new CancellationTokenSource();
            var answers = new ConcurrentBag<string>();
            var readers = clients.Select(client => Task.Run(() => Query(client, workspace.RepoNames, a, b, answers, writing.Token))).ToList();

            var indexes = 0;
            foreach (var revision in new[] { "b", "a" })
            {
                workspace.UseRevision(revision);
                var index = await Mesh(workspace.Root, "index");
                Assert.True(index.ExitCode == 0, index.ToString());
                indexes++;
            }
            await writing.CancelAsync();
            await Task.WhenAll(readers);

            var seen = answers.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"{indexes} indexes; answers: {string.Join(", ", seen.Select(s => $"{s.Key} x{s.Value}"))}");
            Assert.True(answers.Count >= 3 * workspace.RepoNames.Count, $"too few answers while indexing: {answers.Count}");
            // After the last index (at a), every server answers with revision a.
            foreach (var client in clients)
                foreach (var repo in workspace.RepoNames)
                    Assert.Equal(a[repo], await ListIds(client, repo));
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    private static async Task Query(McpClient client, IReadOnlyList<string> repos, Dictionary<string, string> a, Dictionary<string, string> b,
        ConcurrentBag<string> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var repo in repos)
            {
                var ids = await ListIds(client, repo);
                Assert.True(ids == a[repo] || ids == b[repo], $"list_apis for {repo} mixes revisions:\n{ids}");
                answers.Add($"{repo}@{(ids == a[repo] ? "a" : "b")}");
                // An endpoint present at both revisions always has its consumer in the other repo.
                var consumers = await client.CallToolAsync("find_consumers", new Dictionary<string, object?> { ["method"] = "GET", ["path"] = "/same/items1/{id}", ["repo"] = repo });
                Assert.False(consumers.IsError == true, Text(consumers));
                Assert.Equal(1, Structured(consumers).GetProperty("total").GetInt32());
            }
        }
    }

    private static async Task<string> ListIds(McpClient client, string repo)
    {
        var result = await client.CallToolAsync("list_apis", new Dictionary<string, object?> { ["repo"] = repo, ["limit"] = 200 });
        Assert.False(result.IsError == true, Text(result));
        var page = Structured(result);
        var ids = page.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.True(page.GetProperty("total").GetInt32() == ids.Count, $"list_apis for {repo}: total {page.GetProperty("total").GetInt32()} but {ids.Count} endpoints");
        return string.Join(',', ids);
    }

    private static Dictionary<string, string> EndpointIds(string databasePath) =>
        SqliteGraphStore.Open(databasePath).Graph().Endpoints.GroupBy(e => e.Repo)
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(e => e.Id).Order(StringComparer.Ordinal)), StringComparer.Ordinal);

    private static Task<McpClient> Serve(string workspace, int number)
    {
        var (command, arguments) = MeshBuild.Mesh("serve", "--workspace", workspace);
        return McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = command,
            Arguments = arguments,
            Name = $"mesh-{number}",
        }));
    }

    private static Task<ChildProcess.Completed> Mesh(string workspace, params string[] arguments)
    {
        var (command, args) = MeshBuild.Mesh([.. arguments, "--workspace", workspace]);
        return ChildProcess.RunAsync(command, args, Timeout);
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static JsonElement Structured(CallToolResult result) => JsonSerializer.SerializeToElement(result.StructuredContent);
}
