using System.Text;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.McpServer.Tests;

/// <summary><c>mesh context write</c> on the three-repo workspace: every agent's file in place, user text kept, reruns change nothing.</summary>
public sealed class ContextCommandTests : IDisposable
{
    private static readonly string[] Files =
    [
        "AGENTS.md", "CLAUDE.md", ".cursor/rules/mesh-api-context.mdc",
        ".github/instructions/mesh-api-context.instructions.md", ".windsurf/rules/mesh-api-context.md",
    ];

    private readonly TempWorkspace _workspace = new();

    public ContextCommandTests() => ShopWorkspace.Create(_workspace);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private async Task<(int Code, string Out, string Err)> Mesh(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync([.. args, "--workspace", _workspace.Root], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string PathOf(string repo, string file) => Path.Combine(_workspace.Root, repo, file);

    private Dictionary<string, byte[]> Snapshot() =>
        (from repo in new[] { "orders", "web", "reports" } from file in Files where File.Exists(PathOf(repo, file))
         select (Key: $"{repo}/{file}", Bytes: File.ReadAllBytes(PathOf(repo, file)))).ToDictionary(f => f.Key, f => f.Bytes);

    [Fact]
    public async Task Write_puts_every_agents_file_in_every_repo_and_a_second_run_changes_no_byte()
    {
        await Mesh("index");

        var (code, output, _) = await Mesh("context", "write");
        var first = Snapshot();
        var (againCode, again, _) = await Mesh("context", "write");
        var (checkCode, check, _) = await Mesh("context", "write", "--check");

        Assert.Equal(0, code);
        Assert.Equal(15, first.Count);
        Assert.Contains("created: web/AGENTS.md", output);
        Assert.Contains("3 repo(s): 15 context file(s) written, 0 already current.", output);
        Assert.Equal(0, againCode);
        Assert.Contains("0 context file(s) written, 15 already current", again);
        Assert.Equal(first, Snapshot());
        Assert.Equal(0, checkCode);
        Assert.Contains("All 15 context file(s) of 3 repo(s) are current.", check);
        var agents = Encoding.UTF8.GetString(first["web/AGENTS.md"]);
        Assert.Contains("## HTTP API context for `web`", agents);
        Assert.Contains("api-path-removed-without-deprecation", agents);
        Assert.Contains("@AGENTS.md", Encoding.UTF8.GetString(first["web/CLAUDE.md"]));
    }

    [Fact]
    public async Task Files_the_user_already_has_keep_their_text_byte_for_byte()
    {
        await Mesh("index");
        var agents = Encoding.UTF8.GetBytes("# web\r\n\r\nRun `dotnet test` before pushing.\r\n");
        var claude = Encoding.UTF8.GetBytes("Prefer records.");
        var cursor = Encoding.UTF8.GetBytes("---\ndescription: ours\nglobs: src/**\nalwaysApply: false\n---\n\nOur own note.\n");
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf("web", Files[2]))!);
        File.WriteAllBytes(PathOf("web", "AGENTS.md"), agents);
        File.WriteAllBytes(PathOf("web", "CLAUDE.md"), claude);
        File.WriteAllBytes(PathOf("web", Files[2]), cursor);

        await Mesh("context", "write", "--repo", "web");
        var written = Snapshot();
        await Mesh("context", "write", "--repo", "web");

        Assert.Equal(agents, written["web/AGENTS.md"][..agents.Length]);
        Assert.Contains("\r\n<!-- mesh:end api-context -->\r\n", Encoding.UTF8.GetString(written["web/AGENTS.md"]));
        Assert.Equal(claude, written["web/CLAUDE.md"][..claude.Length]);
        Assert.Equal(cursor, written["web/" + Files[2]][..cursor.Length]);
        Assert.Equal(written, Snapshot());
        Assert.DoesNotContain(written.Keys, k => k.StartsWith("orders/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_lists_missing_and_stale_files_and_exits_1()
    {
        await Mesh("index");
        var (missingCode, missing, _) = await Mesh("context", "write", "--check", "--target", "agents");
        await Mesh("context", "write", "--target", "agents");
        var before = Snapshot();
        File.WriteAllText(PathOf("reports", "reports/extra.py"),
            "import requests\n\n\ndef cancel(order_id):\n    return requests.delete(f\"http://orders/orders/{order_id}\")\n");
        await Mesh("index", "--worktree");

        var (staleCode, stale, _) = await Mesh("context", "write", "--check", "--target", "agents");

        Assert.Equal(1, missingCode);
        Assert.Contains("missing: web/AGENTS.md", missing);
        Assert.Contains("3 of 3 context file(s) are missing or stale", missing);
        Assert.Equal(1, staleCode);
        Assert.Contains("stale: reports/AGENTS.md", stale);
        Assert.DoesNotContain("web/AGENTS.md", stale);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task An_unknown_target_or_an_unindexed_workspace_is_an_error_that_says_what_is_valid()
    {
        var (unindexed, _, notIndexed) = await Mesh("context", "write");
        await Mesh("index");
        var (code, _, error) = await Mesh("context", "write", "--target", "cursr");

        Assert.Equal(2, unindexed);
        Assert.Contains("not indexed yet; run 'mesh index'", notIndexed);
        Assert.Equal(2, code);
        Assert.Contains("unknown target 'cursr'; valid: agents, claude, cursor, copilot, windsurf, all", error);
        Assert.Empty(Snapshot());
    }

    [Fact]
    public async Task Show_prints_a_repos_context()
    {
        await Mesh("index");

        var (code, output, _) = await Mesh("context", "show", "reports");

        Assert.Equal(0, code);
        Assert.StartsWith("# HTTP API context for `reports`\n", output);
        Assert.Contains("`GET /dashboard` of `web`", output);
    }
}
