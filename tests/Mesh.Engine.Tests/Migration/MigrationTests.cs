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

    /// <summary>The web client with a call that sends a body: its type is declared below the class, within the brief's quote.</summary>
    private const string WebClientThatPlaces =
        """
        public record OrderView(int Id, string Status, decimal Total);

        public class OrdersClient(HttpClient http)
        {
            public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/orders/{id}");
            public Task<HttpResponseMessage> Place(decimal total) => http.PostAsJsonAsync("/orders", new NewOrderView(total));
        }

        public record NewOrderView(decimal Total);
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
        _web.Write("src/OrdersClient.cs", Applied(WebClient, edit.ReplacedLines!));
        var passing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));

        Assert.Equal("amount", edit.After);
        Assert.Contains("'total' is now 'amount'", edit.Edit, StringComparison.Ordinal);
        Assert.Equal([new ReplacedLine(1, "public record OrderView(int Id, string Status, decimal Amount);")], edit.ReplacedLines);
        Assert.Null(edit.Replacement);
        Assert.Contains(failing.Calls.SelectMany(c => c.Problems), p => p.Contains("reads 'total'", StringComparison.Ordinal));
        Assert.True(passing.AllPass, string.Join("; ", passing.Calls.SelectMany(c => c.Problems)));
    }

    [Fact]
    public async Task Verification_fails_a_call_whose_sent_type_lacks_a_newly_required_field_and_passes_once_it_has_it()
    {
        _web.Write("src/OrdersClient.cs", WebClientThatPlaces).Commit("web places orders");
        var index = await IndexedAsync();
        _orders.Write("src/Program.cs", OrdersApi.Replace("record NewOrder(decimal Total)", "record NewOrder(decimal Total, string Currency)", StringComparison.Ordinal));

        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders", Consumer: "web"));
        var failing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));
        _web.Write("src/OrdersClient.cs", WebClientThatPlaces.Replace("record NewOrderView(decimal Total)", "record NewOrderView(decimal Total, string Currency)", StringComparison.Ordinal));
        var passing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));

        var edit = Assert.Single(Assert.Single(plan.Tasks, t => t.Line == 6).Edits);
        Assert.Equal("new-required-request-property", edit.Rule);
        Assert.Contains("Send 'currency'", edit.Edit, StringComparison.Ordinal);
        var place = Assert.Single(failing.Calls, c => !c.Passes);
        Assert.Equal(("src/OrdersClient.cs", 6, "POST"), (place.File, place.Line, place.Method));
        Assert.Equal(["sends NewOrderView without the required property 'currency'"], place.Problems);
        Assert.True(passing.AllPass, string.Join("; ", passing.Calls.SelectMany(c => c.Problems)));
        Assert.Contains(passing.Calls, c => c.Line == 6);
    }

    [Fact]
    public async Task A_renamed_request_field_gets_the_sent_types_line_rewritten_and_verifies_once_it_is_applied()
    {
        _web.Write("src/OrdersClient.cs", WebClientThatPlaces).Commit("web places orders");
        var index = await IndexedAsync();
        _orders.Write("src/Program.cs", OrdersApi.Replace("record NewOrder(decimal Total)", "record NewOrder(decimal Amount)", StringComparison.Ordinal));

        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders", Consumer: "web"));
        var renamed = Assert.Single(Assert.Single(plan.Tasks, t => t.Line == 6).Edits, e => e.Rule.Contains("property-removed", StringComparison.Ordinal));
        var failing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));
        _web.Write("src/OrdersClient.cs", Applied(WebClientThatPlaces, renamed.ReplacedLines!));
        var passing = MigrationVerifier.Verify(index, new MigrationRequest("orders", Consumer: "web"));

        Assert.Equal("amount", renamed.After);
        Assert.Equal([new ReplacedLine(9, "public record NewOrderView(decimal Amount);")], renamed.ReplacedLines);
        Assert.Contains("sends NewOrderView without the required property 'amount'", Assert.Single(failing.Calls, c => c.Line == 6).Problems);
        Assert.True(passing.AllPass, string.Join("; ", passing.Calls.SelectMany(c => c.Problems)));
    }

    /// <summary>The file with the brief's rewritten lines in place, as an agent applies them.</summary>
    private static string Applied(string text, IReadOnlyList<ReplacedLine> replaced)
    {
        var lines = text.Split('\n');
        foreach (var line in replaced) lines[line.Line - 1] = line.Text;
        return string.Join('\n', lines);
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

/// <summary>Briefs for the other kinds of change: retyped fields, new required query parameters, removed endpoints.</summary>
public sealed class MigrationBriefKindsTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempRepo _orders;

    private const string Spec =
        """
        openapi: 3.0.3
        info: { title: Orders, version: '1' }
        paths:
          /orders:
            get:
              operationId: listOrders
              parameters:
                - { name: status, in: query, required: false, schema: { type: string } }
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Order' } } } } }
          /orders/{id}/refund:
            post:
              operationId: refund
              responses:
                '204': { description: done }
        components:
          schemas:
            Order:
              type: object
              required: [id, total]
              properties:
                id: { type: string }
                total: { type: number }
        """;

    public MigrationBriefKindsTests()
    {
        _orders = _workspace.AddRepo("orders");
        _orders.Write("api/openapi.yaml", Spec).Commit("spec");
        _workspace.AddRepo("web").Write("src/OrdersClient.cs",
            """
            public class OrdersClient(HttpClient http)
            {
                public async Task<decimal> Revenue() => (await http.GetFromJsonAsync<OrderView[]>("/orders"))!.Sum(o => o.Total);
                public Task<HttpResponseMessage> Refund(string id) => http.PostAsync($"/orders/{id}/refund", null);
            }

            public record OrderView(string Id, decimal Total);
            """).Write("src/Program.cs",
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri("http://orders"));
            builder.Build().Run();
            """).Commit("web");
        _workspace.AddRepo("storefront").Write("src/orders.ts", StorefrontOrders).Commit("storefront");
        _workspace.AddRepo("reports").Write("reports/orders.py", ReportsOrders).Commit("reports");
    }

    private const string StorefrontOrders =
        """
        import axios from 'axios';

        const api = axios.create({ baseURL: 'http://orders' });

        export interface Order { id: string; total: number }

        export async function listOrders(): Promise<Order[]> {
          const response = await api.get<Order[]>('/orders');
          return response.data.filter((o) => o.total > 0);
        }

        export async function refund(id: string) {
          await api.post(`/orders/${id}/refund`);
        }
        """;

    private const string ReportsOrders =
        """
        import httpx

        client = httpx.Client(base_url="http://orders")


        def list_orders():
            return [o for o in client.get("/orders").json() if o["total"] > 0]


        def refund(order_id):
            client.post(f"/orders/{order_id}/refund")
        """;

    /// <summary>The lines of each consumer that name 'total', as they read once it is 'amount' (the list call's line is among them in C# and Python).</summary>
    private static readonly Dictionary<string, ReplacedLine[]> TotalAsAmount = new(StringComparer.Ordinal)
    {
        ["web"] =
        [
            new(3, """    public async Task<decimal> Revenue() => (await http.GetFromJsonAsync<OrderView[]>("/orders"))!.Sum(o => o.Amount);"""),
            new(7, "public record OrderView(string Id, decimal Amount);"),
        ],
        ["storefront"] = [new(5, "export interface Order { id: string; amount: number }"), new(9, "  return response.data.filter((o) => o.amount > 0);")],
        ["reports"] = [new(7, """    return [o for o in client.get("/orders").json() if o["amount"] > 0]""")],
    };

    /// <summary>The consumer in each language, the line of its list call and of its refund call.</summary>
    public static TheoryData<string, string, int, int> Consumers => new()
    {
        { "web", "src/OrdersClient.cs", 3, 4 },
        { "storefront", "src/orders.ts", 8, 13 },
        { "reports", "reports/orders.py", 7, 11 },
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private async Task<MigrationPlan> PlanAfter(string edited)
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        _orders.Write("api/openapi.yaml", edited);
        return MigrationPlanner.Plan(index, new MigrationRequest("orders"));
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task A_new_required_query_parameter_gets_the_parameter_added_to_the_url(string repo, string file, int listLine, int refundLine)
    {
        var plan = await PlanAfter(Spec.Replace("{ name: status, in: query, required: false", "{ name: status, in: query, required: true", StringComparison.Ordinal));

        var task = Assert.Single(plan.Tasks, t => t.Repo == repo);
        var edit = Assert.Single(task.Edits);
        Assert.Equal((file, listLine), (task.File, task.Line));
        Assert.NotEqual(refundLine, task.Line);
        Assert.Contains("query parameter 'status'", edit.Edit, StringComparison.Ordinal);
        Assert.Contains("/orders?status=", edit.Replacement, StringComparison.Ordinal);
        Assert.Equal(Line(task).Replace("/orders", "/orders?status=", StringComparison.Ordinal), edit.Replacement);
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task A_retyped_response_field_says_what_to_read_it_as(string repo, string file, int listLine, int refundLine)
    {
        var plan = await PlanAfter(Spec.Replace("total: { type: number }", "total: { type: string }", StringComparison.Ordinal));

        var task = Assert.Single(plan.Tasks, t => t.Repo == repo);
        var edit = Assert.Single(task.Edits);
        Assert.Equal((file, listLine), (task.File, task.Line));
        Assert.NotEqual(refundLine, task.Line);
        Assert.Equal("response-property-type-changed", edit.Rule);
        Assert.Contains("as string instead of number", edit.Edit, StringComparison.Ordinal);
        Assert.Contains("[].total", edit.Location, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task A_renamed_response_field_names_the_new_field(string repo, string file, int listLine, int refundLine)
    {
        var plan = await PlanAfter(Spec.Replace("required: [id, total]", "required: [id, amount]", StringComparison.Ordinal)
            .Replace("total: { type: number }", "amount: { type: number }", StringComparison.Ordinal));

        var task = Assert.Single(plan.Tasks, t => t.Repo == repo);
        var edit = Assert.Single(task.Edits, e => e.Rule.Contains("property-removed", StringComparison.Ordinal));
        Assert.Equal((file, listLine), (task.File, task.Line));
        Assert.NotEqual(refundLine, task.Line);
        Assert.Equal("amount", edit.After);
        Assert.Contains("'total' is now 'amount'", edit.Edit, StringComparison.Ordinal);
        Assert.Equal(TotalAsAmount[repo], edit.ReplacedLines);
        Assert.Equal(edit.ReplacedLines!.SingleOrDefault(l => l.Line == listLine)?.Text, edit.Replacement);
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task A_removed_response_field_tells_the_reader_to_stop_relying_on_it(string repo, string file, int listLine, int refundLine)
    {
        var plan = await PlanAfter(Spec.Replace("required: [id, total]", "required: [id]", StringComparison.Ordinal)
            .Replace("\n        total: { type: number }", "", StringComparison.Ordinal));

        var task = Assert.Single(plan.Tasks, t => t.Repo == repo);
        var edit = Assert.Single(task.Edits, e => e.Rule.Contains("property-removed", StringComparison.Ordinal));
        Assert.Equal((file, listLine), (task.File, task.Line));
        Assert.NotEqual(refundLine, task.Line);
        Assert.Contains("total", edit.Location, StringComparison.Ordinal);
        Assert.Null(edit.After);
        Assert.Null(edit.Replacement);
        Assert.False(string.IsNullOrWhiteSpace(edit.Edit));
    }

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task A_removed_endpoint_without_a_successor_says_so_and_offers_no_replacement(string repo, string file, int listLine, int refundLine)
    {
        var plan = await PlanAfter(Spec.Replace("  /orders/{id}/refund:\n    post:\n      operationId: refund\n      responses:\n        '204': { description: done }\n", "", StringComparison.Ordinal));

        var task = Assert.Single(plan.Tasks, t => t.Repo == repo);
        var edit = Assert.Single(task.Edits);
        Assert.Equal((file, refundLine), (task.File, task.Line));
        Assert.NotEqual(listLine, task.Line);
        Assert.Contains("no evident successor", edit.Edit, StringComparison.Ordinal);
        Assert.Null(edit.Replacement);
    }

    /// <summary>The call's line (or another line) as the brief quotes it.</summary>
    private static string Line(CallSiteTask task, int? line = null) => task.Code!.Lines[(line ?? task.Line) - task.Code.FirstLine];
}
