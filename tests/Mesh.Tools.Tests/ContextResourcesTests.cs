using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools.Tests;

public sealed class ContextResourcesTests : ToolTestBase
{
    private static TextResourceContents Single(ReadResourceResult result) => Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Each_repos_context_is_listed_as_a_markdown_resource_with_its_last_index_time(string? era)
    {
        await using var mcp = await Connect(era);

        var before = await mcp.Client.ListResourcesAsync();
        await Call(mcp.Client, "reindex");
        var after = (await mcp.Client.ListResourcesAsync()).Select(r => r.ProtocolResource).ToList();
        var templates = await mcp.Client.ListResourceTemplatesAsync();

        var contexts = after.Where(r => r.Uri.EndsWith("/context.md", StringComparison.Ordinal)).ToList();
        Assert.Equal(["mesh://repos/billing/context.md", "mesh://repos/orders/context.md"], contexts.Select(r => r.Uri));
        Assert.All(contexts, r => Assert.Equal("text/markdown", r.MimeType));
        Assert.All(contexts, r => Assert.NotNull(r.Annotations?.LastModified));
        var indexedAt = Workspace.OpenIndex().Store.Repos().Single(r => r.Name == "orders").IndexedAt;
        Assert.Equal(indexedAt, contexts.Single(r => r.Uri.Contains("orders", StringComparison.Ordinal)).Annotations!.LastModified);
        Assert.Contains(before, r => r.Uri == "mesh://repos/orders/context.md" && r.ProtocolResource.Annotations is null);
        Assert.Contains(after, r => r.Uri == "mesh://repos");
        Assert.Contains(templates, t => t.UriTemplate == "mesh://repos/{repo}/context.md" && t.MimeType == "text/markdown");
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Reading_a_repos_context_gives_its_markdown(string? era)
    {
        await using var mcp = await Connect(era);
        await Call(mcp.Client, "reindex");

        var context = Single(await mcp.Client.ReadResourceAsync("mesh://repos/orders/context.md"));

        Assert.Equal("text/markdown", context.MimeType);
        Assert.StartsWith("# HTTP API context for `orders`\n", context.Text);
        Assert.Contains("`GET /orders/{id}` at `api/openapi.yaml:19`: no linked callers", context.Text);
    }

    [Fact]
    public async Task A_repo_not_indexed_yet_reads_as_a_note_and_an_unknown_repo_is_an_error()
    {
        await using var mcp = await Connect();

        var note = Single(await mcp.Client.ReadResourceAsync("mesh://repos/billing/context.md"));
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.ReadResourceAsync("mesh://repos/ordrs/context.md").AsTask());

        Assert.Contains("Not indexed yet: call the reindex tool", note.Text);
        Assert.Contains("unknown repo 'ordrs' (did you mean 'orders'?)", error.Message);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task List_apis_with_view_context_gives_the_same_markdown_to_tools_only_clients(string? era)
    {
        await using var mcp = await Connect(era);
        await Call(mcp.Client, "reindex");
        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        var result = await Call(mcp.Client, "list_apis", new { repo = "orders", view = "context" });
        var resource = Single(await mcp.Client.ReadResourceAsync("mesh://repos/orders/context.md")).Text;

        var structured = Structured(result);
        Assert.Equal(resource, structured.GetProperty("context").GetString());
        Assert.Equal(resource, Text(result));
        Assert.Empty(structured.GetProperty("endpoints").EnumerateArray());
        SchemaConformance.Assert(tools["list_apis"].OutputSchema!.Value, structured, "list_apis");
    }

    [Fact]
    public async Task List_apis_view_context_without_a_repo_or_an_unknown_view_is_an_error_that_says_what_is_valid()
    {
        await using var mcp = await Connect();

        var noRepo = await Call(mcp.Client, "list_apis", new { view = "context" });
        var badView = await Call(mcp.Client, "list_apis", new { view = "ctx" });
        var endpoints = await Call(mcp.Client, "list_apis", new { view = "endpoints" });

        Assert.True(noRepo.IsError);
        Assert.Contains("view 'context' needs repo", Text(noRepo));
        Assert.True(badView.IsError);
        Assert.Contains("unknown view 'ctx'; valid: endpoints, context", Text(badView));
        Assert.False(endpoints.IsError == true, Text(endpoints));
        Assert.False(Structured(endpoints).TryGetProperty("context", out var context) && context.ValueKind != JsonValueKind.Null);
    }
}
