using System.Collections.Concurrent;
using Mesh.Engine.Indexing;
using Mesh.Testing;
using ModelContextProtocol.Client;

namespace Mesh.McpServer.Tests.Http;

public sealed class HttpConcurrencyTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public HttpConcurrencyTests() => ShopWorkspace.Create(_workspace);

    public void Dispose() => _workspace.Dispose();

    private static readonly Dictionary<string, object?> ConsumersOfOrder = new() { ["method"] = "GET", ["path"] = "/orders/{id}" };
    private static readonly Dictionary<string, object?> OrdersApis = new() { ["repo"] = "orders" };

    private static async Task<(string Consumers, string Apis)> AskAsync(McpClient client)
    {
        var consumers = await client.CallToolAsync("find_consumers", ConsumersOfOrder);
        var apis = await client.CallToolAsync("list_apis", OrdersApis);
        Assert.NotEqual(true, consumers.IsError);
        Assert.NotEqual(true, apis.IsError);
        return (consumers.StructuredContent!.Value.GetRawText(), apis.StructuredContent!.Value.GetRawText());
    }

    private static void CommitAll(string repo, string message)
    {
        using var git = new LibGit2Sharp.Repository(repo);
        LibGit2Sharp.Commands.Stage(git, "*");
        var author = new LibGit2Sharp.Signature("Test Author", "test@mesh.invalid", new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        git.Commit(message, author, author, new LibGit2Sharp.CommitOptions());
    }

    [Fact]
    public async Task Twenty_clients_read_whole_answers_while_a_reindex_runs()
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        await using var server = await MeshHttpServer.StartAsync(index);
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => server.ConnectAsync()));
        try
        {
            var before = await AskAsync(clients[0]);

            // Both sides change: orders gets an endpoint, web a second call of GET /orders/{id}.
            var orders = Path.Combine(_workspace.Root, "orders", "src", "Orders.Api", "Program.cs");
            File.WriteAllText(orders, File.ReadAllText(orders).Replace("app.Run();",
                "app.MapGet(\"/orders/{id:int}/notes\", (int id) => TypedResults.Ok(new List<string>()));\napp.Run();", StringComparison.Ordinal));
            var web = Path.Combine(_workspace.Root, "web", "src", "Web", "OrdersClient.cs");
            File.WriteAllText(web, File.ReadAllText(web).Replace("    public Task<List<ItemView>?>",
                "    public Task<OrderView?> Again(int id) => http.GetFromJsonAsync<OrderView>($\"/orders/{id}\");\n    public Task<List<ItemView>?>", StringComparison.Ordinal));
            CommitAll(Path.Combine(_workspace.Root, "orders"), "notes");
            CommitAll(Path.Combine(_workspace.Root, "web"), "a second call");

            var answers = new ConcurrentBag<(string Consumers, string Apis)>();
            var failures = new ConcurrentBag<Exception>();
            using var stop = new CancellationTokenSource();
            var readers = clients.Select(client => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        answers.Add(await AskAsync(client));
                    }
                    catch (Exception e)
                    {
                        failures.Add(e);
                        return;
                    }
                }
            })).ToList();

            await Task.Delay(200);
            var reindex = await clients[0].CallToolAsync("reindex", new Dictionary<string, object?>());
            Assert.NotEqual(true, reindex.IsError);
            await Task.Delay(200);
            await stop.CancelAsync();
            await Task.WhenAll(readers);

            var after = await AskAsync(clients[0]);
            Assert.Empty(failures);
            Assert.NotEqual(before.Consumers, after.Consumers);
            Assert.NotEqual(before.Apis, after.Apis);
            Assert.True(answers.Count >= 40, $"only {answers.Count} answers were read");
            foreach (var (consumers, apis) in answers)
            {
                Assert.True(consumers == before.Consumers || consumers == after.Consumers, $"a torn find_consumers answer:\n{consumers}");
                Assert.True(apis == before.Apis || apis == after.Apis, $"a torn list_apis answer:\n{apis}");
            }
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }
}
