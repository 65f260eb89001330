using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools.Tests;

public sealed class PromptTests : ToolTestBase
{
    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Both_prompts_are_listed_and_render_the_loop_with_quoted_arguments(string? era)
    {
        await using var mcp = await Connect(era);

        var prompts = await mcp.Client.ListPromptsAsync();
        var migrate = await mcp.Client.GetPromptAsync("migrate_consumers", new Dictionary<string, object?> { ["repo"] = "orders", ["consumer"] = "billing" });
        var review = await mcp.Client.GetPromptAsync("review_api_change", new Dictionary<string, object?> { ["repo"] = "orders", ["base"] = "HEAD~1", ["head"] = "HEAD" });

        Assert.Equal(["migrate_consumers", "review_api_change"], prompts.Select(p => p.Name).Order(StringComparer.Ordinal));
        var migrateText = Assert.IsType<TextContentBlock>(Assert.Single(migrate.Messages).Content).Text;
        Assert.Contains("propose_migration with repo=\"orders\"", migrateText, StringComparison.Ordinal);
        Assert.Contains("consumer=\"billing\"", migrateText, StringComparison.Ordinal);
        Assert.Contains("verify=true", migrateText, StringComparison.Ordinal);
        var reviewText = Assert.IsType<TextContentBlock>(Assert.Single(review.Messages).Content).Text;
        Assert.Contains("diff_schema with repo=\"orders\", base=\"HEAD~1\", head=\"HEAD\"", reviewText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Repo_names_and_the_chosen_repos_refs_complete(string? era)
    {
        Orders.Write("README.md", "v2").Commit("second");
        Orders.Tag("v1.0.0");
        await using var mcp = await Connect(era);
        var reference = new PromptReference { Name = "review_api_change" };

        var repos = await mcp.Client.CompleteAsync(reference, "repo", "or");
        var refs = await mcp.Client.CompleteAsync(new CompleteRequestParams
        {
            Ref = reference,
            Argument = new Argument { Name = "base", Value = "v" },
            Context = new CompleteContext { Arguments = new Dictionary<string, string> { ["repo"] = "orders" } },
        });

        Assert.Equal(["orders"], repos.Completion.Values);
        Assert.Equal(["v1.0.0"], refs.Completion.Values);
    }

    [Fact]
    public async Task An_unknown_repo_in_a_prompt_is_an_error_naming_the_known_repos()
    {
        await using var mcp = await Connect();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            mcp.Client.GetPromptAsync("review_api_change", new Dictionary<string, object?> { ["repo"] = "ordrs" }).AsTask());

        Assert.Contains("orders", error.Message, StringComparison.Ordinal);
    }
}
