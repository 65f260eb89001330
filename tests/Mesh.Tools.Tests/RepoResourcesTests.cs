using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools.Tests;

public sealed class RepoResourcesTests : ToolTestBase
{
    private static JsonElement Json(ReadResourceResult result) =>
        JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(result.Contents)).Text).RootElement;

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task The_repo_list_and_the_surface_template_are_advertised(string? era)
    {
        await using var mcp = await Connect(era);

        var resources = await mcp.Client.ListResourcesAsync();
        var templates = await mcp.Client.ListResourceTemplatesAsync();

        Assert.Contains(resources, r => r.Uri == "mesh://repos" && r.MimeType == "application/json");
        Assert.Contains(templates, t => t.UriTemplate == "mesh://repos/{repo}/apis" && t.MimeType == "application/json");
    }

    [Fact]
    public async Task The_repo_list_tells_which_repos_are_not_indexed_yet()
    {
        await using var mcp = await Connect();

        var repos = Json(await mcp.Client.ReadResourceAsync("mesh://repos")).GetProperty("repos").EnumerateArray().ToList();

        Assert.Equal(["billing", "orders"], repos.Select(r => r.GetProperty("name").GetString()));
        Assert.All(repos, r => Assert.Contains("not indexed yet", r.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task A_repos_surface_has_endpoints_with_parameters_bodies_and_named_schemas()
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var surface = Json(await mcp.Client.ReadResourceAsync("mesh://repos/orders/apis"));

        var endpoints = surface.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(3, endpoints.Count);
        var create = endpoints.Single(e => e.GetProperty("operation_id").GetString() == "createOrder");
        Assert.Equal("NewOrder", create.GetProperty("request_body").GetProperty("schema").GetProperty("ref").GetString());
        var getOrder = endpoints.Single(e => e.GetProperty("operation_id").GetString() == "getOrder");
        Assert.Equal("id", getOrder.GetProperty("parameters")[0].GetProperty("name").GetString());
        var schema = Assert.Single(surface.GetProperty("schemas").EnumerateArray());
        Assert.Equal("NewOrder", schema.GetProperty("name").GetString());
        Assert.Equal(["sku"], schema.GetProperty("schema").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Reading_an_unknown_repos_surface_is_an_error_naming_the_known_repos()
    {
        await using var mcp = await Connect();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.ReadResourceAsync("mesh://repos/ordrs/apis").AsTask());

        Assert.Contains("unknown repo 'ordrs' (did you mean 'orders'?)", error.Message);
    }
}
