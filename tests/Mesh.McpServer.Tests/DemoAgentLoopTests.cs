using System.Text.Json;
using Mesh.Engine.Indexing;
using Mesh.McpServer.Demo;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.McpServer.Tests;

/// <summary>
/// The loop the migration issue promises, played by a scripted agent on the demo workspace through the real MCP
/// server: diff_schema names the break, propose_migration says what to edit, the agent applies every suggested
/// edit, and verification ends with every consumer green.
/// </summary>
public sealed class DemoAgentLoopTests : IDisposable
{
    private readonly TempDirectory _directory = new("mesh-demo-loop");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_agent_that_follows_the_brief_ends_with_every_consumer_green()
    {
        var root = _directory.Combine("ws");
        DemoWorkspace.Create(root);
        var index = WorkspaceIndex.Open(root);
        await index.IndexAsync(new IndexRequest());
        DemoWorkspace.CommitBreakingChange(root);
        await using var mcp = await McpHarness.StartAsync(index);
        var range = new { repo = "orders", @base = "HEAD~1", head = "HEAD" };

        var diff = Structured(await Call(mcp.Client, "diff_schema", range));
        var brief = Structured(await Call(mcp.Client, "propose_migration", range));
        var before = Structured(await Call(mcp.Client, "propose_migration", new { repo = "orders", @base = "HEAD~1", head = "HEAD", verify = true }));
        var tasks = brief.GetProperty("tasks").EnumerateArray().ToList();
        foreach (var task in tasks) ApplyFirstReplacement(root, task);
        var after = Structured(await Call(mcp.Client, "propose_migration", new { repo = "orders", @base = "HEAD~1", head = "HEAD", verify = true }));

        Assert.False(diff.GetProperty("summary").GetProperty("safe_to_ship").GetBoolean());
        var consumers = tasks.Select(t => t.GetProperty("repo").GetString()).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["reports", "webapp"], consumers);
        Assert.False(before.GetProperty("all_pass").GetBoolean());
        Assert.True(after.GetProperty("all_pass").GetBoolean(), after.ToString());
        var calls = after.GetProperty("calls").EnumerateArray().Select(c => (c.GetProperty("repo").GetString(), c.GetProperty("file").GetString(), c.GetProperty("line").GetInt32())).ToList();
        Assert.All(tasks, t => Assert.Contains((t.GetProperty("repo").GetString(), t.GetProperty("file").GetString(), t.GetProperty("line").GetInt32()), calls));
        Assert.Equal(["reports", "storefront", "webapp"], calls.Select(c => c.Item1).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_headless_agent_runs_the_same_loop_with_mesh_migrate()
    {
        var root = _directory.Combine("ws");
        DemoWorkspace.Create(root);
        await WorkspaceIndex.Open(root).IndexAsync(new IndexRequest());
        SqliteConnection.ClearAllPools();
        DemoWorkspace.CommitBreakingChange(root);
        string[] range = ["--workspace", root, "--repo", "orders", "--base", "HEAD~1", "--head", "HEAD"];

        var brief = await Mesh(["migrate", .. range, "--json"]);
        var briefText = await Mesh(["migrate", .. range]);
        var failing = await Mesh(["migrate", .. range, "--verify"]);
        foreach (var task in JsonDocument.Parse(brief.Out).RootElement.GetProperty("tasks").EnumerateArray()) ApplyFirstReplacement(root, task);
        var passing = await Mesh(["migrate", .. range, "--verify"]);

        Assert.Equal(0, brief.Code);
        Assert.Contains("quoted from `reports/app/orders_client.py`", briefText.Out, StringComparison.Ordinal);
        Assert.Contains("mesh migrate --repo orders --verify --consumer reports --base HEAD~1 --head HEAD", briefText.Out, StringComparison.Ordinal);
        Assert.Equal(1, failing.Code);
        Assert.Contains("- FAIL `reports` `app/orders_client.py:16`", failing.Out, StringComparison.Ordinal);
        Assert.True(passing.Code == 0, passing.Out + passing.Err);
        Assert.DoesNotContain("FAIL", passing.Out, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> Mesh(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error);
        SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>What the agent does with a brief task: replace the call's line with the brief's replacement, as a model would.</summary>
    private static void ApplyFirstReplacement(string root, JsonElement task)
    {
        var replacement = task.GetProperty("edits").EnumerateArray()
            .Select(e => e.TryGetProperty("replacement", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)
            .First(r => r is not null)!;
        var path = Path.Combine(root, task.GetProperty("repo").GetString()!, task.GetProperty("file").GetString()!);
        var lines = File.ReadAllLines(path);
        lines[task.GetProperty("line").GetInt32() - 1] = replacement;
        File.WriteAllLines(path, lines);
    }

    private static async Task<CallToolResult> Call(McpClient client, string tool, object arguments) =>
        await client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!);

    private static JsonElement Structured(CallToolResult result)
    {
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        Assert.False(result.IsError == true, text);
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
