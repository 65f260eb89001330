using System.Net;
using System.Text.Json;
using Mesh.Engine.Indexing;
using Mesh.McpServer.Http;
using Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Client;

namespace Mesh.McpServer.Tests.Http;

public sealed class HttpServerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public HttpServerTests() => ShopWorkspace.Create(_workspace);

    public void Dispose() => _workspace.Dispose();

    private async Task<WorkspaceIndex> IndexedAsync()
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    public async Task Tools_answer_through_the_SDK_http_client(string? protocolVersion)
    {
        await using var server = await MeshHttpServer.StartAsync(await IndexedAsync());
        await using var client = await server.ConnectAsync(protocolVersion: protocolVersion);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).Order().ToList();
        Assert.Equal(["diff_schema", "find_consumers", "list_apis", "propose_migration", "reindex"], tools);

        var apis = await client.CallToolAsync("list_apis", new Dictionary<string, object?> { ["repo"] = "orders" });
        Assert.NotEqual(true, apis.IsError);
        var paths = apis.StructuredContent!.Value.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("/orders/{id:int}", paths);

        var consumers = await client.CallToolAsync("find_consumers", new Dictionary<string, object?> { ["method"] = "GET", ["path"] = "/orders/{id}" });
        Assert.NotEqual(true, consumers.IsError);
        var repos = consumers.StructuredContent!.Value.GetProperty("consumers").EnumerateArray().Select(c => c.GetProperty("repo").GetString()).Distinct().Order().ToList();
        Assert.Equal(["reports", "web"], repos);
    }

    [Fact]
    public async Task A_bad_tool_argument_is_an_error_result_over_http()
    {
        await using var server = await MeshHttpServer.StartAsync(await IndexedAsync());
        await using var client = await server.ConnectAsync();
        var result = await client.CallToolAsync("list_apis", new Dictionary<string, object?> { ["repo"] = "ordrs" });
        Assert.True(result.IsError);
        Assert.Contains("orders", JsonSerializer.Serialize(result.Content));
    }

    [Fact]
    public async Task Healthz_says_ok_and_the_index_state_without_a_token()
    {
        var options = MeshHttpOptions.Loopback("http://127.0.0.1:0") with { Tokens = ["a-token-of-enough-length"] };
        await using var server = await MeshHttpServer.StartAsync(await IndexedAsync(), options);
        var response = await server.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(3, health.GetProperty("repos").GetInt32());
        Assert.True(health.GetProperty("endpoints").GetInt32() > 0);
        Assert.False(health.GetProperty("indexing").GetBoolean());
        Assert.Equal(JsonValueKind.String, health.GetProperty("lastIndexedAt").ValueKind);
    }

    [Fact]
    public async Task An_internal_error_answers_plain_json_without_a_stack_trace()
    {
        await using var server = await MeshHttpServer.StartAsync(await IndexedAsync(),
            mapExtra: app => app.MapGet("/boom", (HttpContext _) => { throw new InvalidOperationException("secret detail from deep inside"); }));
        var response = await server.Http.GetAsync("boom");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("internal error in mesh; the server log has the details", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("secret", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
    }
}
