using System.Text.Json;
using Mesh.Testing;

namespace Mesh.Tools.Tests;

public sealed class FindConsumersToolTests : ToolTestBase
{
    private const string OrdersClient =
        """
        namespace Shop.Web;

        public class OrdersClient(HttpClient http)
        {
            public Task<Order?> GetAsync(string id) =>
                http.GetFromJsonAsync<Order>($"/orders/{id}");

            public Task CreateAsync(NewOrder order) => http.PostAsJsonAsync("/orders", order);
        }

        public class LegacyClient(HttpClient http, Settings settings)
        {
            private readonly string _base = settings.Resolve("legacy");

            public Task<HttpResponseMessage> Fetch(string id) => http.GetAsync($"{_base}orders/{id}");
        }
        """;

    private const string Program =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri(builder.Configuration["OrdersApi"]!));
        builder.Build().Run();
        """;

    private const string Settings = """{ "OrdersApi": "http://orders:8080/" }""";

    private const string Test =
        """
        public class OrdersTests(HttpClient client)
        {
            public Task Gets_order() => client.GetAsync("http://orders:8080/orders/42");
        }
        """;

    private async Task<ModelContextProtocol.Client.McpClient> WithConsumers(McpHarness mcp)
    {
        Workspace.AddRepo("shop").Write("src/Shop.Web/OrdersClient.cs", OrdersClient).Write("src/Shop.Web/Program.cs", Program)
            .Write("src/Shop.Web/appsettings.json", Settings).Write("tests/Shop.Web.Tests/OrdersTests.cs", Test).Commit();
        await Call(mcp.Client, "reindex");
        return mcp.Client;
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Consumers_of_an_endpoint_come_with_file_line_score_reason_and_code(string? era)
    {
        await using var mcp = await Connect(era);
        var client = await WithConsumers(mcp);

        var result = await Call(client, "find_consumers", new { method = "GET", path = "/orders/{orderId}" });

        var content = Structured(result);
        Assert.Equal("orders:GET:/orders/{}", content.GetProperty("endpoint").GetProperty("id").GetString());
        var consumers = content.GetProperty("consumers").EnumerateArray().ToList();
        Assert.Equal(2, consumers.Count);
        var main = consumers[0];
        Assert.Equal(("shop", "src/Shop.Web/OrdersClient.cs", 6), (main.GetProperty("repo").GetString(), main.GetProperty("file").GetString(), main.GetProperty("line").GetInt32()));
        Assert.Equal("/orders/{id}", main.GetProperty("url").GetString());
        Assert.Equal(0.95, main.GetProperty("score").GetDouble());
        Assert.Contains("path+method+service", main.GetProperty("reason").GetString());
        Assert.Contains("config:OrdersApi", main.GetProperty("reason").GetString());
        Assert.Contains(main.GetProperty("excerpt").EnumerateArray(), l => l.GetString()!.Contains("GetFromJsonAsync<Order>", StringComparison.Ordinal));
        Assert.Equal(4, main.GetProperty("excerpt_first_line").GetInt32());
        Assert.True(consumers[1].GetProperty("is_test").GetBoolean());
        var possible = content.GetProperty("possible_unresolved");
        Assert.Equal(1, possible.GetProperty("count").GetInt32());
        Assert.Equal("unknown base", possible.GetProperty("reasons")[0].GetProperty("reason").GetString());
        var text = Text(result);
        Assert.Contains("quoted from `shop/src/Shop.Web/OrdersClient.cs`, lines 4-8:", text);
        Assert.Contains("1 unresolved call site(s) might also target it", text);
    }

    [Fact]
    public async Task Test_code_can_be_left_out_and_list_apis_counts_consumers()
    {
        await using var mcp = await Connect();
        var client = await WithConsumers(mcp);

        var withoutTests = Structured(await Call(client, "find_consumers", new { endpoint_id = "orders:GET:/orders/{}", include_tests = false }));
        var apis = Structured(await Call(client, "list_apis", new { repo = "orders" }));

        Assert.Equal(1, withoutTests.GetProperty("total").GetInt32());
        var counts = apis.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("consumers").GetInt32());
        Assert.Equal(2, counts["orders:GET:/orders/{}"]);
        Assert.Equal(1, counts["orders:POST:/orders"]);
        Assert.Equal(0, counts["orders:GET:/orders"]);
    }

    [Theory]
    [InlineData("{\"endpoint_id\":\"orders:GET:/order/{}\"}", "argument 'endpoint_id': unknown endpoint id 'orders:GET:/order/{}'; closest: orders:GET:/orders/{}")]
    [InlineData("{\"method\":\"GET\",\"path\":\"/ordrs\"}", "argument 'path': no endpoint GET /ordrs; closest:")]
    [InlineData("{}", "give endpoint_id (from list_apis), or method and path")]
    [InlineData("{\"method\":\"GET\",\"path\":\"/orders\",\"repo\":\"ordrs\"}", "unknown repo 'ordrs' (did you mean 'orders'?)")]
    public async Task Unknown_endpoints_are_an_error_naming_the_closest(string arguments, string expected)
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var result = await Call(mcp.Client, "find_consumers", JsonSerializer.Deserialize<JsonElement>(arguments));

        Assert.True(result.IsError);
        Assert.Contains(expected, Text(result));
    }

    [Fact]
    public async Task The_graph_resource_draws_services_and_call_counts()
    {
        await using var mcp = await Connect();
        await WithConsumers(mcp);

        var graph = await mcp.Client.ReadResourceAsync("mesh://graph");

        var text = Assert.IsType<ModelContextProtocol.Protocol.TextResourceContents>(Assert.Single(graph.Contents)).Text;
        Assert.StartsWith("graph LR", text);
        Assert.Contains("  r2[\"orders (3 endpoints)\"]\n", text);
        Assert.Contains("  r3[\"shop (0 endpoints)\"]\n", text);
        Assert.Contains("  r3 -->|3 calls| r2\n", text);
    }
}
