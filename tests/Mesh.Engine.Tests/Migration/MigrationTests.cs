using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Migration;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mesh.Engine.Tests.Migration;

/// <summary>
/// An orders service in C# and three consumers (C#, TypeScript, Python) in real git repos. The provider changes;
/// the brief tells each consumer call what to do, and verification after a real edit says which consumers fit.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempRepo _orders;
    private readonly TempRepo _web;

    private const string OrdersApi =
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/orders/{id:int}", (int id) => TypedResults.Ok(new Order(id, "open", 10m)));
        app.MapGet("/orders", (int? page) => TypedResults.Ok(new[] { new Order(1, "open", 10m) }));
        app.MapPost("/orders", (NewOrder order) => TypedResults.Created("/orders/1", new Order(1, "open", order.Total)));
        app.Run();

        public record Order(int Id, string Status, decimal Total);
        public record NewOrder(decimal Total);
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

    private const string StorefrontApi =
        """
        import axios from 'axios';

        const api = axios.create({ baseURL: 'http://orders' });

        export async function getOrder(id: string) {
          const response = await api.get(`/orders/${id}`);
          return response.data;
        }
        """;

    private const string ReportsJob =
        """
        import httpx

        client = httpx.Client(base_url="http://orders")


        def order(order_id):
            return client.get(f"/orders/{order_id}").json()
        """;

    public MigrationTests()
    {
        _orders = _workspace.AddRepo("orders");
        _orders.Write("src/Program.cs", OrdersApi).Commit("orders api");
        _web = _workspace.AddRepo("web");
        _web.Write("src/OrdersClient.cs", WebClient).Write("src/Program.cs", WebProgram).Write("Web.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />").Commit("web");
        _workspace.AddRepo("storefront").Write("src/api.ts", StorefrontApi).Write("package.json", """{ "scripts": { "test": "vitest" } }""").Commit("storefront");
        _workspace.AddRepo("reports").Write("reports/job.py", ReportsJob).Write("pyproject.toml", "[project]\nname = \"reports\"\n").Commit("reports");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private async Task<WorkspaceIndex> IndexedAsync()
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index;
    }

    private void MoveGetOrder() =>
        _orders.Write("src/Program.cs", OrdersApi.Replace("app.MapGet(\"/orders/{id:int}\"", "app.MapGet(\"/v2/orders/{id:int}\"", StringComparison.Ordinal));

    [Fact]
    public async Task A_moved_path_gives_every_consumer_in_three_languages_a_replacement_line()
    {
        var index = await IndexedAsync();
        MoveGetOrder();

        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders"));

        Assert.Equal(["reports", "storefront", "web"], plan.Tasks.Select(t => t.Repo).Order(StringComparer.Ordinal));
        var web = Assert.Single(plan.Tasks, t => t.Repo == "web");
        Assert.Equal(("src/OrdersClient.cs", 5), (web.File, web.Line));
        var edit = Assert.Single(web.Edits);
        Assert.Equal(ChangeLevel.Err, edit.Level);
        Assert.Contains("/v2/orders/{id:int}", edit.Edit, StringComparison.Ordinal);
        Assert.Equal("""    public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/v2/orders/{id}");""", edit.Replacement);
        Assert.Contains("`/v2/orders/${id}`", Assert.Single(plan.Tasks, t => t.Repo == "storefront").Edits[0].Replacement, StringComparison.Ordinal);
        Assert.Contains("f\"/v2/orders/{order_id}\"", Assert.Single(plan.Tasks, t => t.Repo == "reports").Edits[0].Replacement, StringComparison.Ordinal);
        Assert.Contains(web.Code!.Lines, l => l.Contains("GetFromJsonAsync", StringComparison.Ordinal));
        Assert.Equal([("reports", "pytest"), ("storefront", "npm test"), ("web", "dotnet test")], plan.Verification.Select(v => (v.Repo, v.TestCommand)));
        Assert.StartsWith("In orders: do not ship yet", plan.Order[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_passes_for_the_consumer_that_made_the_edit_and_fails_for_the_others()
    {
        var index = await IndexedAsync();
        MoveGetOrder();
        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders"));
        var edit = Assert.Single(Assert.Single(plan.Tasks, t => t.Repo == "web").Edits);

        var before = MigrationVerifier.Verify(index, new MigrationRequest("orders"));
        _web.Write("src/OrdersClient.cs", WebClient.Replace("""    public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/orders/{id}");""", edit.Replacement!, StringComparison.Ordinal));
        var after = MigrationVerifier.Verify(index, new MigrationRequest("orders"));

        Assert.False(Assert.Single(before.Calls, c => c.Repo == "web").Passes);
        Assert.True(Assert.Single(after.Calls, c => c.Repo == "web").Passes);
        Assert.False(Assert.Single(after.Calls, c => c.Repo == "storefront").Passes);
        Assert.False(after.AllPass);
        Assert.Contains("matches no operation of orders", Assert.Single(after.Calls, c => c.Repo == "reports").Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_response_field_is_named_in_the_brief_and_verified_in_the_type_the_consumer_reads()
    {
        var index = await IndexedAsync();
        _orders.Write("src/Program.cs", OrdersApi.Replace("decimal Total);\npublic record NewOrder", "decimal Amount);\npublic record NewOrder", StringComparison.Ordinal));

        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders", Consumer: "web"));
        var edit = Assert.Single(Assert.Single(plan.Tasks).Edits, e => e.Rule.Contains("property-removed", StringComparison.Ordinal));
        var failing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));
        _web.Write("src/OrdersClient.cs", WebClient.Replace("decimal Total)", "decimal Amount)", StringComparison.Ordinal));
        var passing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));

        Assert.Equal("amount", edit.After);
        Assert.Contains("'total' is now 'amount'", edit.Edit, StringComparison.Ordinal);
        Assert.Contains(failing.Calls.SelectMany(c => c.Problems), p => p.Contains("reads 'total'", StringComparison.Ordinal));
        Assert.True(passing.AllPass, string.Join("; ", passing.Calls.SelectMany(c => c.Problems)));
    }

    [Fact]
    public async Task One_change_can_be_planned_by_its_id_and_an_unknown_id_lists_the_known_ones()
    {
        var index = await IndexedAsync();
        MoveGetOrder();
        var all = DiffQuery.Run(index, new DiffRequest("orders"));
        var removed = Assert.Single(all.Changes, c => c.Affected.Count > 0);

        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders", ChangeId: removed.Id));
        var error = Assert.Throws<MeshException>(() => MigrationPlanner.Plan(index, new MigrationRequest("orders", ChangeId: "orders:0000000000")));

        Assert.Equal([removed.Id], plan.Changes.Select(c => c.Id));
        Assert.Contains(removed.Id, error.Message, StringComparison.Ordinal);
    }
}
