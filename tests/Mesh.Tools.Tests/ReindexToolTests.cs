using Mesh.Testing;
using ModelContextProtocol;

namespace Mesh.Tools.Tests;

public sealed class ReindexToolTests : ToolTestBase
{
    private sealed class Ignore : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) { }
    }

    [Fact]
    public async Task Reindex_sends_progress_per_repo_before_its_summary()
    {
        // The initialize-era progress path is covered end to end by the TypeScript client (Mesh.EndToEnd.Tests).
        await using var mcp = await Connect();

        // Passing a progress handler makes the client send a progress token.
        var result = await Call(mcp.Client, "reindex", progress: new Ignore());
        // The server sends every notification before the result; the client hands them to handlers asynchronously.
        for (var waited = 0; !mcp.Progress.Any(p => p.Progress.Message!.StartsWith("orders: indexed", StringComparison.Ordinal)) && waited < 100; waited++)
            await Task.Delay(50);
        var received = mcp.Progress.ToList();

        var summary = Structured(result);
        Assert.Equal(2, summary.GetProperty("files_parsed").GetInt32());
        Assert.Equal(4, summary.GetProperty("endpoints").GetInt32());
        Assert.Equal(["billing", "orders"], summary.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("repo").GetString()));
        Assert.All(summary.GetProperty("repos").EnumerateArray(), r => Assert.Equal("indexed", r.GetProperty("status").GetString()));
        // The client dispatches notifications concurrently, so arrival order is not asserted. The first repo reports every
        // stage; the second is prepared beside it, so the stages it passed before its turn may be skipped, never its end.
        var messages = received.Select(p => p.Progress.Message![..p.Progress.Message!.IndexOf(" (", StringComparison.Ordinal)]).ToList();
        var values = new Dictionary<string, float>
        {
            ["billing: starting"] = 0.01f, ["billing: writing"] = 0.8f, ["billing: indexed"] = 1f,
            ["orders: starting"] = 1.01f, ["orders: writing"] = 1.8f, ["orders: indexed"] = 2f,
        };
        Assert.Subset(values.Keys.ToHashSet(), messages.ToHashSet());
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Contains("billing: starting", messages);
        Assert.Contains("billing: writing", messages);
        Assert.Contains("billing: indexed", messages);
        Assert.Contains("orders: indexed", messages);
        Assert.All(received, p => Assert.Equal(values[p.Progress.Message![..p.Progress.Message!.IndexOf(" (", StringComparison.Ordinal)]], p.Progress.Progress));
        Assert.All(received, p => Assert.Equal(2, p.Progress.Total));
        Assert.Contains("Indexed 2 repo(s)", Text(result));
    }

    [Fact]
    public async Task Without_a_progress_token_no_progress_is_sent()
    {
        await using var mcp = await Connect();

        await Call(mcp.Client, "reindex");

        Assert.Empty(mcp.Progress);
    }

    [Fact]
    public async Task A_second_reindex_parses_nothing()
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");

        var again = Structured(await Call(mcp.Client, "reindex"));

        Assert.Equal(0, again.GetProperty("files_parsed").GetInt32());
        Assert.All(again.GetProperty("repos").EnumerateArray(), r => Assert.Equal("unchanged", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Reindexing_one_repos_working_tree_sees_an_uncommitted_edit()
    {
        await using var mcp = await Connect();
        await Call(mcp.Client, "reindex");
        Orders.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete);

        var report = Structured(await Call(mcp.Client, "reindex", new { repo = "orders", worktree = true }));
        var deletes = Structured(await Call(mcp.Client, "list_apis", new { method = "DELETE" }));

        var repo = Assert.Single(report.GetProperty("repos").EnumerateArray());
        Assert.Equal("worktree", repo.GetProperty("revision").GetString());
        Assert.Equal(1, repo.GetProperty("files_parsed").GetInt32());
        Assert.Equal("deleteOrder", deletes.GetProperty("endpoints")[0].GetProperty("operation_id").GetString());
    }

    [Fact]
    public async Task Reindexing_an_unknown_repo_is_an_error_result()
    {
        await using var mcp = await Connect();

        var result = await Call(mcp.Client, "reindex", new { repo = "biling" });

        Assert.True(result.IsError);
        Assert.Contains("unknown repo 'biling' (did you mean 'billing'?)", Text(result));
    }

    [Fact]
    public async Task A_repo_that_fails_is_reported_in_the_result_and_the_others_are_indexed()
    {
        Workspace.WriteConfig(new { name = "orders", path = "orders", @ref = "v9" }, new { name = "billing", path = "billing" });
        await using var mcp = await Connect();

        var summary = Structured(await Call(mcp.Client, "reindex"));

        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        var orders = summary.GetProperty("repos").EnumerateArray().Single(r => r.GetProperty("repo").GetString() == "orders");
        Assert.Contains("unknown ref 'v9'", orders.GetProperty("error").GetString());
    }
}
