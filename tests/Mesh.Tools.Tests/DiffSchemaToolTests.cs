using System.Text.Json;
using Mesh.Testing;

namespace Mesh.Tools.Tests;

/// <summary>
/// An agent asks diff_schema after an edit: the orders provider (OpenAPI) loses an operation that the shop's C# client
/// calls, in a commit or in the working tree; the verdict says not safe and names the shop's call site.
/// </summary>
public sealed class DiffSchemaToolTests : ToolTestBase
{
    private const string OrdersClient =
        """
        namespace Shop.Web;

        public class OrdersClient(HttpClient http)
        {
            public Task<Order?> GetAsync(string id) =>
                http.GetFromJsonAsync<Order>($"/orders/{id}");
        }
        """;

    private const string Program =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri("http://orders"));
        builder.Build().Run();
        """;

    /// <summary>The orders spec without GET /orders/{id}: its whole path is gone.</summary>
    private static string OrdersWithoutGetOrder
    {
        get
        {
            var start = Specs.OrdersYaml.IndexOf("  /orders/{id}:", StringComparison.Ordinal);
            var end = Specs.OrdersYaml.IndexOf("components:", StringComparison.Ordinal);
            return Specs.OrdersYaml[..start] + Specs.OrdersYaml[end..];
        }
    }

    private async Task<McpHarness> ConnectWithShop()
    {
        Workspace.AddRepo("shop").Write("src/Shop.Web/OrdersClient.cs", OrdersClient).Write("src/Shop.Web/Program.cs", Program).Commit();
        var mcp = await Connect();
        Structured(await Call(mcp.Client, "reindex"));
        return mcp;
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task A_commit_that_removes_a_called_operation_is_not_safe_to_ship_and_names_the_consumer(string? era)
    {
        Workspace.AddRepo("shop").Write("src/Shop.Web/OrdersClient.cs", OrdersClient).Write("src/Shop.Web/Program.cs", Program).Commit();
        await using var mcp = await Connect(era);
        Structured(await Call(mcp.Client, "reindex"));
        Orders.Write("api/openapi.yaml", OrdersWithoutGetOrder).Commit("drop GET /orders/{id}");

        var result = await Call(mcp.Client, "diff_schema", new { repo = "orders", @base = "HEAD~1", head = "HEAD" });

        var json = Structured(result);
        var summary = json.GetProperty("summary");
        Assert.False(summary.GetProperty("safe_to_ship").GetBoolean());
        Assert.StartsWith("not safe to ship", summary.GetProperty("verdict").GetString());
        Assert.True(summary.GetProperty("errors").GetInt32() >= 1);
        var change = json.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "/orders/{id}");
        Assert.Equal("api-path-removed-without-deprecation", change.GetProperty("rule").GetString());
        Assert.StartsWith("orders:", change.GetProperty("id").GetString());
        Assert.Equal("ERR", change.GetProperty("level").GetString());
        Assert.Equal("GET", change.GetProperty("method").GetString());
        Assert.Equal("orders:GET:/orders/{}", change.GetProperty("endpoint_id").GetString());
        Assert.Equal("api/openapi.yaml", change.GetProperty("file").GetString());
        var consumer = Assert.Single(change.GetProperty("affected").EnumerateArray());
        Assert.Equal("shop", consumer.GetProperty("repo").GetString());
        Assert.Equal("src/Shop.Web/OrdersClient.cs", consumer.GetProperty("file").GetString());
        Assert.Equal(6, consumer.GetProperty("line").GetInt32());
        Assert.Equal("ERR", consumer.GetProperty("level").GetString());
        Assert.Contains("not safe to ship", Text(result));
        Assert.Contains("affects shop src/Shop.Web/OrdersClient.cs:6", Text(result));
    }

    [Fact]
    public async Task Without_head_the_working_tree_is_compared_with_HEAD()
    {
        await using var mcp = await ConnectWithShop();
        Orders.Write("api/openapi.yaml", OrdersWithoutGetOrder);

        var json = Structured(await Call(mcp.Client, "diff_schema", new { repo = "orders" }));

        Assert.Equal("worktree", json.GetProperty("summary").GetProperty("head").GetString());
        Assert.False(json.GetProperty("summary").GetProperty("safe_to_ship").GetBoolean());
        Assert.Contains(json.GetProperty("changes").EnumerateArray(), c => c.GetProperty("path").GetString() == "/orders/{id}");
    }

    [Fact]
    public async Task An_unchanged_repo_is_safe_to_ship_with_no_changes()
    {
        await using var mcp = await Connect();

        var json = Structured(await Call(mcp.Client, "diff_schema", new { repo = "orders" }));

        Assert.True(json.GetProperty("summary").GetProperty("safe_to_ship").GetBoolean());
        Assert.Empty(json.GetProperty("changes").EnumerateArray());
        Assert.Equal(0, json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_repos_mesh_ignore_leaves_an_accepted_change_out()
    {
        await using var mcp = await ConnectWithShop();
        Orders.Write("api/openapi.yaml", OrdersWithoutGetOrder).Write(".mesh-ignore", "api-path-removed-without-deprecation GET /orders/{orderId} # v2 only\n");

        var json = Structured(await Call(mcp.Client, "diff_schema", new { repo = "orders" }));

        Assert.True(json.GetProperty("summary").GetProperty("safe_to_ship").GetBoolean());
        var ignored = Assert.Single(json.GetProperty("ignored").EnumerateArray());
        Assert.Equal("v2 only", ignored.GetProperty("reason").GetString());
        Assert.Equal("/orders/{id}", ignored.GetProperty("change").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Changes_page_with_limit_and_cursor_while_the_summary_counts_them_all()
    {
        await using var mcp = await Connect();
        Orders.Write("api/openapi.yaml", "openapi: 3.1.0\ninfo: { title: Orders, version: 2.0.0 }\npaths: {}\n");

        var first = Structured(await Call(mcp.Client, "diff_schema", new { repo = "orders", limit = 1 }));
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = Structured(await Call(mcp.Client, "diff_schema", new { repo = "orders", limit = 1, cursor }));
        var otherFilters = await Call(mcp.Client, "diff_schema", new { repo = "orders", min_level = "WARN", cursor });

        var total = first.GetProperty("total").GetInt32();
        Assert.True(total >= 2, $"total {total}");
        Assert.Equal(total, first.GetProperty("summary").GetProperty("errors").GetInt32() + first.GetProperty("summary").GetProperty("warnings").GetInt32() + first.GetProperty("summary").GetProperty("infos").GetInt32());
        Assert.Single(first.GetProperty("changes").EnumerateArray());
        Assert.NotEqual(first.GetProperty("changes")[0].GetRawText(), second.GetProperty("changes")[0].GetRawText());
        Assert.True(otherFilters.IsError);
        Assert.Contains("cursor belongs to a query with other filters", Text(otherFilters));
    }

    [Theory]
    [InlineData("ordrs", null, "unknown repo 'ordrs' (did you mean 'orders'?); known: billing, orders")]
    [InlineData("orders", "nope", "unknown ref 'nope' in repo 'orders'; valid: a commit id, HEAD, HEAD~N, or one of:")]
    public async Task An_unknown_repo_or_ref_is_an_error_naming_the_valid_choices(string repo, string? @base, string message)
    {
        await using var mcp = await Connect();

        var result = await Call(mcp.Client, "diff_schema", new { repo, @base });

        Assert.True(result.IsError);
        Assert.Contains(message, Text(result));
    }

    [Fact]
    public async Task An_unknown_min_level_is_an_error_naming_the_levels()
    {
        await using var mcp = await Connect();

        var result = await Call(mcp.Client, "diff_schema", new { repo = "orders", min_level = "fatal" });

        Assert.True(result.IsError);
        Assert.Contains("min_level 'fatal' is not a level; valid: ERR, WARN, INFO", Text(result));
    }
}
