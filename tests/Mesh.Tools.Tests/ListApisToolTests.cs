using System.Text.Json;

namespace Mesh.Tools.Tests;

public sealed class ListApisToolTests : ToolTestBase
{
    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Before_any_index_list_apis_answers_empty_and_says_to_reindex(string? era)
    {
        await using var mcp = await Connect(era);

        var result = await Call(mcp.Client, "list_apis");

        var content = Structured(result);
        Assert.Equal(0, content.GetProperty("total").GetInt32());
        Assert.Contains("call the reindex tool", content.GetProperty("note").GetString());
        Assert.Contains("index is empty", Text(result));
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task After_reindex_list_apis_returns_every_operation_with_file_line_and_consumers(string? era)
    {
        await using var mcp = await Connect(era);
        await Call(mcp.Client, "reindex");

        var result = await Call(mcp.Client, "list_apis");

        var endpoints = Structured(result).GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(
            ["billing GET /invoices/{id} docs/swagger.json:6", "orders GET /orders api/openapi.yaml:5",
             "orders POST /orders api/openapi.yaml:9", "orders GET /orders/{id} api/openapi.yaml:19"],
            endpoints.Select(e => $"{e.GetProperty("repo")} {e.GetProperty("method")} {e.GetProperty("path")} {e.GetProperty("file")}:{e.GetProperty("line")}"));
        var getOrder = endpoints.Single(e => e.GetProperty("operation_id").GetString() == "getOrder");
        Assert.Equal("orders:GET:/orders/{}", getOrder.GetProperty("id").GetString());
        Assert.Equal(0, getOrder.GetProperty("consumers").GetInt32());
        Assert.Equal("openapi-3.1", getOrder.GetProperty("framework").GetString());
        Assert.Contains("- `GET /orders/{id}`  in `orders` at `api/openapi.yaml:19`  operationId=`getOrder`  consumers=0  id=`orders:GET:/orders/{}`", Text(result));
    }

    [Fact]
    public async Task A_route_under_a_server_base_path_is_shown_as_the_full_path_a_client_calls_with_the_base_as_a_field()
    {
        Workspace.AddRepo("articles").Write("api/openapi.yml", """
            openapi: 3.0.3
            info: { title: Articles, version: '1' }
            servers:
              - url: https://api.example.com/api
            paths:
              /articles/{slug}:
                get:
                  operationId: getArticle
                  parameters:
                    - { name: slug, in: path, required: true, schema: { type: string } }
                  responses:
                    '200': { description: ok }
            """).Commit();
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var result = await Call(mcp.Client, "list_apis", new { repo = "articles" });

        var endpoint = Assert.Single(Structured(result).GetProperty("endpoints").EnumerateArray());
        Assert.Equal("/api/articles/{slug}", endpoint.GetProperty("path").GetString());
        Assert.Equal("/api", endpoint.GetProperty("base_path").GetString());
        Assert.Contains("- `GET /api/articles/{slug}`  in `articles`", Text(result));
        var consumers = await Call(mcp.Client, "find_consumers", new { method = "GET", path = endpoint.GetProperty("path").GetString() });
        Assert.True(consumers.IsError != true, Text(consumers));
    }

    [Fact]
    public async Task Filters_by_repo_method_and_path_text_combine()
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var byRepo = Structured(await Call(mcp.Client, "list_apis", new { repo = "orders" }));
        var byMethod = Structured(await Call(mcp.Client, "list_apis", new { method = "post" }));
        var byPath = Structured(await Call(mcp.Client, "list_apis", new { path = "{ID}" }));
        var all = Structured(await Call(mcp.Client, "list_apis", new { repo = "orders", method = "GET", path = "orders/" }));

        Assert.Equal(3, byRepo.GetProperty("total").GetInt32());
        Assert.Equal("createOrder", byMethod.GetProperty("endpoints")[0].GetProperty("operation_id").GetString());
        Assert.Equal(2, byPath.GetProperty("total").GetInt32());
        Assert.Equal("getOrder", Assert.Single(all.GetProperty("endpoints").EnumerateArray()).GetProperty("operation_id").GetString());
    }

    [Fact]
    public async Task Paging_with_the_cursor_visits_every_endpoint_once()
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Structured(await Call(mcp.Client, "list_apis", new { limit = 3, cursor }));
            seen.AddRange(page.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("next_cursor", out var next) ? next.GetString() : null;
            pages++;
        } while (cursor is not null);

        Assert.Equal(2, pages);
        Assert.Equal(4, seen.Distinct().Count());
        Assert.Equal(4, seen.Count);
    }

    [Theory]
    [InlineData("{\"repo\":\"ordrs\"}", "unknown repo 'ordrs' (did you mean 'orders'?); known: billing, orders")]
    [InlineData("{\"limit\":0}", "limit 0 is out of range; valid: 1 to 200")]
    [InlineData("{\"limit\":1000}", "limit 1000 is out of range; valid: 1 to 200")]
    [InlineData("{\"cursor\":\"not-a-cursor\"}", "cursor is not valid")]
    [InlineData("{\"method\":\"FETCH\"}", "method 'FETCH' is not an HTTP method; valid: DELETE, GET")]
    [InlineData("{\"repo\":\"x'; DROP TABLE endpoints; --\"}", "unknown repo 'x'; DROP TABLE endpoints; --'")]
    public async Task Bad_arguments_give_an_error_result_that_names_what_is_valid(string arguments, string expected)
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var result = await Call(mcp.Client, "list_apis", JsonSerializer.Deserialize<JsonElement>(arguments));

        Assert.True(result.IsError);
        Assert.Contains(expected, Text(result));
        Assert.Equal(4, Structured(await Call(mcp.Client, "list_apis")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_cursor_reused_with_other_filters_is_refused()
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");
        var first = Structured(await Call(mcp.Client, "list_apis", new { limit = 1 }));

        var result = await Call(mcp.Client, "list_apis", new { limit = 1, repo = "orders", cursor = first.GetProperty("next_cursor").GetString() });

        Assert.True(result.IsError);
        Assert.Contains("cursor belongs to a query with other filters", Text(result));
    }
}
