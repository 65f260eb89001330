using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Migration;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mesh.Engine.Tests.Diff;

/// <summary>
/// The consumers of a change are the call sites that reached its operation at base, whatever the index holds: CI indexes
/// the provider's new head before the gate runs, and the gate and the brief must still name who breaks. An orders service
/// in C#, a C# consumer and a Python consumer, in real git repos.
/// </summary>
public sealed class OperationConsumersTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempRepo _orders;

    private const string OrdersApi =
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/orders/{id:int}", (int id) => TypedResults.Ok(new Order(id, "open", 10m)));
        app.MapGet("/orders", () => TypedResults.Ok(new[] { new Order(1, "open", 10m) }));
        app.Run();

        public record Order(int Id, string Status, decimal Total);
        """;

    private const string WebClient =
        """
        public record OrderView(int Id, string Status, decimal Total);

        public class OrdersClient(HttpClient http)
        {
            public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/orders/{id}");
        }
        """;

    private const string WebProgram =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri("http://orders"));
        builder.Build().Run();
        """;

    private const string ReportsJob =
        """
        import httpx

        client = httpx.Client(base_url="http://orders")


        def order(order_id):
            return client.get(f"/orders/{order_id}").json()
        """;

    private static readonly (string Repo, string File, int Line)[] GetOrderCallers = [("reports", "reports/job.py", 7), ("web", "src/OrdersClient.cs", 5)];

    public OperationConsumersTests()
    {
        _orders = _workspace.AddRepo("orders");
        _orders.Write("src/Program.cs", OrdersApi).Commit("orders api");
        _workspace.AddRepo("web").Write("src/OrdersClient.cs", WebClient).Write("src/Program.cs", WebProgram).Commit("web");
        _workspace.AddRepo("reports").Write("reports/job.py", ReportsJob).Commit("reports");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private static string Without(string text, string line) => text.Replace(line + "\n", "", StringComparison.Ordinal);

    private const string GetOrderLine = "app.MapGet(\"/orders/{id:int}\", (int id) => TypedResults.Ok(new Order(id, \"open\", 10m)));";

    private static string MovedGetOrder => OrdersApi.Replace("app.MapGet(\"/orders/{id:int}\"", "app.MapGet(\"/v2/orders/{id:int}\"", StringComparison.Ordinal);

    private static string DroppedTotal =>
        OrdersApi.Replace(", decimal Total)", ")", StringComparison.Ordinal).Replace(", 10m)", ")", StringComparison.Ordinal);

    private static DiffReport LastCommit(WorkspaceIndex index) => DiffQuery.Run(index, new DiffRequest("orders", "HEAD~1", "HEAD"));

    private static (string Repo, string File, int Line)[] Callers(Change change) => [.. change.Affected.Select(a => (a.Repo, a.File, a.Line))];

    /// <summary>The diff of the last commit when the index holds its base, then again after the index moved to its head.</summary>
    private async Task<(DiffReport AtBase, DiffReport AtHead, WorkspaceIndex Index)> DiffBeforeAndAfterIndexingHead(string head)
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        _orders.Write("src/Program.cs", head).Commit("provider change");
        var atBase = LastCommit(index);
        await index.IndexAsync(new IndexRequest());
        return (atBase, LastCommit(index), index);
    }

    [Fact]
    public async Task A_removed_operation_keeps_its_consumers_after_the_index_moved_to_head()
    {
        var (atBase, atHead, _) = await DiffBeforeAndAfterIndexingHead(Without(OrdersApi, GetOrderLine));

        var removed = Assert.Single(atHead.Changes, c => c.Rule.EndsWith("removed-without-deprecation", StringComparison.Ordinal));
        Assert.Equal(GetOrderCallers, Callers(removed));
        Assert.All(removed.Affected, a => Assert.Equal(ChangeLevel.Err, a.Level));
        Assert.Equal(Assert.Single(atBase.Changes, c => c.Rule == removed.Rule).Affected, removed.Affected);
        Assert.Contains("2 consumer call site(s) affected", atHead.Summary.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moved_path_keeps_its_consumers_and_their_briefs_after_the_index_moved_to_head()
    {
        var (atBase, atHead, index) = await DiffBeforeAndAfterIndexingHead(MovedGetOrder);

        var removed = Assert.Single(atHead.Changes, c => c.Path == "/orders/{id:int}");
        Assert.Equal(GetOrderCallers, Callers(removed));
        Assert.Equal(Assert.Single(atBase.Changes, c => c.Path == "/orders/{id:int}").Affected, removed.Affected);
        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders", "HEAD~1", "HEAD"));
        Assert.Equal(GetOrderCallers, plan.Tasks.Select(t => (t.Repo, t.File, t.Line)));
        Assert.Empty(plan.Unlinked);
        Assert.Equal("""    public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/v2/orders/{id}");""",
            Assert.Single(Assert.Single(plan.Tasks, t => t.Repo == "web").Edits).Replacement);
    }

    [Fact]
    public async Task A_changed_operation_keeps_the_verdict_of_the_type_each_consumer_reads_after_the_index_moved_to_head()
    {
        var (atBase, atHead, _) = await DiffBeforeAndAfterIndexingHead(DroppedTotal);

        var removed = Assert.Single(atHead.Changes, c => c.Method == "GET" && c.Path == "/orders/{id:int}" && c.Location.Contains("total", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(GetOrderCallers, Callers(removed));
        Assert.Contains("reads 'total' through OrderView", Assert.Single(removed.Affected, a => a.Repo == "web").Evidence, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(atBase.Changes, c => c.Id == removed.Id).Affected, removed.Affected);
    }

    [Fact]
    public async Task Verification_after_the_index_moved_to_head_fails_the_calls_that_reached_the_removed_operation()
    {
        var (_, _, index) = await DiffBeforeAndAfterIndexingHead(MovedGetOrder);

        var report = MigrationVerifier.Verify(index, new MigrationRequest("orders", "HEAD~1", "HEAD"));

        Assert.Equal(GetOrderCallers, report.Calls.Select(c => (c.Repo, c.File, c.Line)));
        Assert.All(report.Calls, c => Assert.False(c.Passes));
        Assert.Contains("matches no operation of orders", Assert.Single(report.Calls, c => c.Repo == "reports").Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removal_indexed_from_the_working_tree_keeps_its_consumers_in_the_working_tree_diff()
    {
        var index = _workspace.OpenIndex();
        _orders.Write("src/Program.cs", Without(OrdersApi, GetOrderLine));
        await index.IndexAsync(new IndexRequest(WorkingTree: true));

        var report = DiffQuery.Run(index, new DiffRequest("orders"));

        Assert.Equal(GetOrderCallers, Callers(Assert.Single(report.Changes, c => c.Rule.EndsWith("removed-without-deprecation", StringComparison.Ordinal))));
    }
}
