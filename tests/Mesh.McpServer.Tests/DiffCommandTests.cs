using System.Text.Json;
using Mesh.McpServer.GitHub;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.McpServer.Tests;

/// <summary>
/// `mesh diff` as a CI gate on real repos: the orders provider (OpenAPI) drops GET /orders/{id} in its second commit,
/// and the shop's C# client calls it.
/// </summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempRepo _orders;
    private readonly Dictionary<string, string?> _environment = [];

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

    public DiffCommandTests()
    {
        _orders = _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml);
        _orders.Commit("orders api");
        _workspace.AddRepo("shop").Write("src/Shop.Web/OrdersClient.cs", OrdersClient).Write("src/Shop.Web/Program.cs", Program).Commit();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private static string OrdersWithoutGetOrder
    {
        get
        {
            var start = Specs.OrdersYaml.IndexOf("  /orders/{id}:", StringComparison.Ordinal);
            var end = Specs.OrdersYaml.IndexOf("components:", StringComparison.Ordinal);
            return Specs.OrdersYaml[..start] + Specs.OrdersYaml[end..];
        }
    }

    private async Task<(int Code, string Out, string Err)> Mesh(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync([.. args, "--workspace", _workspace.Root], output, error, default, name => _environment.GetValueOrDefault(name));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Indexes (so the shop's call is linked), then commits the breaking change.</summary>
    private async Task BreakingCommit()
    {
        Assert.Equal(0, (await Mesh("index")).Code);
        _orders.Write("api/openapi.yaml", OrdersWithoutGetOrder).Commit("drop GET /orders/{id}");
    }

    /// <summary>As CI runs: the breaking change is committed first and the index reads the new head before the gate.</summary>
    private async Task IndexAfterBreakingCommit()
    {
        Assert.Equal(0, (await Mesh("index")).Code);
        _orders.Write("api/openapi.yaml", OrdersWithoutGetOrder).Commit("drop GET /orders/{id}");
        Assert.Equal(0, (await Mesh("index")).Code);
    }

    private Task<(int Code, string Out, string Err)> DiffLastCommit(params string[] args) =>
        Mesh(["diff", "--repo", "orders", "--base", "HEAD~1", "--head", "HEAD", .. args]);

    [Fact]
    public async Task A_breaking_change_with_a_consumer_exits_1_and_json_names_rule_level_and_consumer()
    {
        await BreakingCommit();

        var (code, output, _) = await DiffLastCommit("--format", "json");

        Assert.Equal(1, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("summary").GetProperty("safe_to_ship").GetBoolean());
        var change = json.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "/orders/{id}");
        Assert.Equal("api-path-removed-without-deprecation", change.GetProperty("rule").GetString());
        Assert.Equal("ERR", change.GetProperty("level").GetString());
        Assert.Equal("GET", change.GetProperty("method").GetString());
        Assert.Equal("path", change.GetProperty("location").GetString());
        Assert.False(string.IsNullOrEmpty(change.GetProperty("message").GetString()));
        var consumer = Assert.Single(change.GetProperty("affected").EnumerateArray());
        Assert.Equal(("shop", "src/Shop.Web/OrdersClient.cs", 6), (consumer.GetProperty("repo").GetString(), consumer.GetProperty("file").GetString(), consumer.GetProperty("line").GetInt32()));
    }

    [Theory]
    [InlineData("text", "affects shop src/Shop.Web/OrdersClient.cs:6  GET /orders/{id}  ERR")]
    [InlineData("json", "\"file\": \"src/Shop.Web/OrdersClient.cs\"")]
    [InlineData("markdown", "| **ERR** | `shop` | `src/Shop.Web/OrdersClient.cs:6` |")]
    [InlineData("github", "%0Aaffects shop src/Shop.Web/OrdersClient.cs:6")]
    [InlineData("sarif", "Affects 1 consumer: shop src/Shop.Web/OrdersClient.cs:6 (ERR)")]
    public async Task The_gate_names_the_consumers_of_a_removed_operation_after_the_index_read_the_new_head(string format, string consumer)
    {
        await IndexAfterBreakingCommit();

        var (code, output, _) = await DiffLastCommit("--format", format);

        Assert.Equal(1, code);
        Assert.Contains(consumer, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_brief_and_verification_name_the_consumers_of_a_removed_operation_after_the_index_read_the_new_head()
    {
        await IndexAfterBreakingCommit();

        var (code, brief, _) = await Mesh("migrate", "--repo", "orders", "--base", "HEAD~1", "--head", "HEAD");
        var (verifyCode, verification, _) = await Mesh("migrate", "--repo", "orders", "--base", "HEAD~1", "--head", "HEAD", "--verify");

        Assert.Equal(0, code);
        Assert.Contains("## `shop` `src/Shop.Web/OrdersClient.cs:6`  `GET /orders/{id}`", brief, StringComparison.Ordinal);
        Assert.DoesNotContain("no linked consumer call site to edit", brief, StringComparison.Ordinal);
        Assert.Equal(1, verifyCode);
        Assert.Contains(verification.Split('\n'), l => l.Contains("FAIL", StringComparison.Ordinal) && l.Contains("`shop` `src/Shop.Web/OrdersClient.cs:6`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("never", 0)]
    [InlineData("WARN", 1)]
    [InlineData("err", 1)]
    public async Task Fail_on_decides_the_exit_code(string failOn, int expected)
    {
        await BreakingCommit();

        var (code, _, _) = await DiffLastCommit("--fail-on", failOn);

        Assert.Equal(expected, code);
    }

    [Fact]
    public async Task An_unchanged_repo_exits_0_and_says_safe_to_ship()
    {
        var (code, output, _) = await Mesh("diff", "--repo", "orders");

        Assert.Equal(0, code);
        Assert.Contains("safe to ship", output);
    }

    [Fact]
    public async Task Without_head_the_working_tree_is_compared_with_HEAD()
    {
        await Mesh("index");
        _orders.Write("api/openapi.yaml", OrdersWithoutGetOrder);

        var (code, output, _) = await Mesh("diff", "--repo", "orders", "--worktree");

        Assert.Equal(1, code);
        Assert.Contains("-> worktree", output);
        Assert.Contains("affects shop src/Shop.Web/OrdersClient.cs:6", output);
    }

    [Fact]
    public async Task The_repos_mesh_ignore_accepts_a_change_and_the_gate_passes()
    {
        await BreakingCommit();
        _orders.Write(".mesh-ignore", "# accepted\napi-path-removed-without-deprecation GET /orders/{orderId} until 2999-12-31 # shop moves to v2\n");

        var (code, output, _) = await DiffLastCommit();

        Assert.Equal(0, code);
        Assert.Contains("Ignored by .mesh-ignore: 1 change", output);
        Assert.Contains("line 2, until 2999-12-31: shop moves to v2", output);
    }

    [Fact]
    public async Task An_expired_ignore_entry_no_longer_ignores_and_is_reported()
    {
        await BreakingCommit();
        _orders.Write(".mesh-ignore", "api-path-removed-without-deprecation GET /orders/{id} until 2020-01-31\n");

        var (code, output, _) = await DiffLastCommit("--format", "github");

        Assert.Equal(1, code);
        Assert.Contains("::error file=api/openapi.yaml", output);
        Assert.Contains("::warning file=.mesh-ignore,line=1,title=expired ignore entry::", output);
    }

    [Fact]
    public async Task An_ignore_file_given_with_ignore_is_used_and_a_missing_one_is_an_error()
    {
        await BreakingCommit();
        var file = Path.Combine(_workspace.Root, "ci-ignore");
        await File.WriteAllTextAsync(file, "* GET /orders/{id}\n");

        var (code, _, _) = await DiffLastCommit("--ignore", file);
        var (missingCode, _, error) = await DiffLastCommit("--ignore", file + ".nope");

        Assert.Equal(0, code);
        Assert.Equal(2, missingCode);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task A_broken_ignore_file_fails_the_tool_with_exit_2_naming_the_line()
    {
        await BreakingCommit();
        _orders.Write(".mesh-ignore", "api-path-removed GET /orders/{id}\n");

        var (code, _, error) = await DiffLastCommit();

        Assert.Equal(2, code);
        Assert.Contains("mesh: .mesh-ignore:1: unknown rule id 'api-path-removed'", error);
    }

    [Fact]
    public async Task GitHub_annotations_sit_on_the_operations_file_and_line_and_name_the_consumers()
    {
        await BreakingCommit();

        var (_, output, _) = await DiffLastCommit("--format", "github");

        var line = output.Split('\n').Single(l => l.StartsWith("::error ", StringComparison.Ordinal) && l.Contains("/orders/{id}", StringComparison.Ordinal));
        Assert.StartsWith("::error file=api/openapi.yaml,line=", line);
        Assert.Contains("title=ERR api-path-removed-without-deprecation%3A GET /orders/{id} (path)::", line);
        Assert.Contains("%0Aaffects shop src/Shop.Web/OrdersClient.cs:6", line);
    }

    [Fact]
    public async Task Sarif_is_2_1_0_with_the_catalog_as_rules_and_a_result_per_change()
    {
        await BreakingCommit();

        var (_, output, _) = await DiffLastCommit("--format", "sarif");

        var run = JsonDocument.Parse(output).RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(Engine.Diff.DiffRules.Catalog.Select(r => r.Id), rules);
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "api-path-removed-without-deprecation");
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("api/openapi.yaml", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Markdown_has_the_summary_table_and_the_endpoint_with_its_consumer()
    {
        await BreakingCommit();

        var (_, output, _) = await DiffLastCommit("--format", "markdown");

        Assert.Contains("❌ **Not safe to ship.**", output);
        Assert.Contains("| ERR | breaking |", output);
        Assert.Contains("### `GET /orders/{id}`", output);
        Assert.Contains("| **ERR** | `shop` | `src/Shop.Web/OrdersClient.cs:6` |", output);
    }

    [Fact]
    public async Task The_pull_request_comment_is_created_once_then_updated_in_place()
    {
        await using var github = new FakeGitHub();
        github.AddComment("LGTM, but see the diff below");
        _environment["GITHUB_TOKEN"] = "test-token-123";
        await BreakingCommit();

        var first = await DiffLastCommit("--github-comment", "acme/orders#7", "--github-api-url", github.Url);
        var created = github.Comments.Where(c => c.Value.StartsWith(PullRequestComments.Marker, StringComparison.Ordinal)).ToList();
        _orders.Write("api/openapi.yaml", Specs.OrdersYaml).Commit("restore GET /orders/{id}");
        var second = await DiffLastCommit("--github-comment", "acme/orders#7", "--github-api-url", github.Url, "--fail-on", "never");

        Assert.Equal(1, first.Code);
        Assert.Contains("mesh: commented on acme/orders#7", first.Err);
        Assert.Equal(0, second.Code);
        Assert.Contains("mesh: updated the comment on acme/orders#7", second.Err);
        var requests = github.Requests.ToList();
        Assert.Equal(
            ["GET /repos/acme/orders/issues/7/comments", "POST /repos/acme/orders/issues/7/comments",
             "GET /repos/acme/orders/issues/7/comments", $"PATCH /repos/acme/orders/issues/comments/{created.Single().Key}"],
            requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(requests, r => Assert.Contains("test-token-123", r.Authorization));
        Assert.All(requests, r => Assert.StartsWith("/api/v3/repos/", r.RawPath));
        Assert.Contains("Not safe to ship", created.Single().Value);
        var comments = github.Comments;
        Assert.Equal(2, comments.Count);
        Assert.Equal("LGTM, but see the diff below", comments.Values.First());
        Assert.StartsWith(PullRequestComments.Marker + "\n## Mesh API diff: `orders`", comments[created.Single().Key]);
        Assert.Contains("Safe to ship", comments[created.Single().Key]);
    }

    [Fact]
    public async Task A_pull_request_comment_without_a_token_fails_the_tool_before_diffing()
    {
        var (code, output, error) = await Mesh("diff", "--repo", "orders", "--github-comment", "acme/orders#7");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("GITHUB_TOKEN", error);
    }

    [Theory]
    [InlineData("mesh: unknown repo 'ordrs' (did you mean 'orders'?)", "diff", "--repo", "ordrs")]
    [InlineData("unknown ref 'nope' in repo 'orders'", "diff", "--repo", "orders", "--base", "nope")]
    [InlineData("which repo? pass --repo; known: orders, shop", "diff")]
    [InlineData("--head and --worktree exclude each other", "diff", "--repo", "orders", "--head", "HEAD", "--worktree")]
    [InlineData("--fail-on 'always' is not valid; valid: ERR, WARN, never", "diff", "--repo", "orders", "--fail-on", "always")]
    [InlineData("--min-level 'all' is not valid; valid: ERR, WARN, INFO", "diff", "--repo", "orders", "--min-level", "all")]
    [InlineData("'acme/orders' does not name a pull request; write it as owner/repo#123", "diff", "--repo", "orders", "--github-comment", "acme/orders")]
    [InlineData("Argument 'yaml' not recognized. Must be one of:", "diff", "--repo", "orders", "--format", "yaml")]
    [InlineData("Unrecognized command or argument '--nope'", "diff", "--nope")]
    public async Task A_tool_failure_exits_2_and_says_what_is_valid(string message, params string[] args)
    {
        _environment["GITHUB_TOKEN"] = "t";

        var (code, _, error) = await Mesh(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Help_lists_the_gate_options()
    {
        var (code, output, _) = await Mesh("diff", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--base", "--head", "--worktree", "--format", "--fail-on", "--min-level", "--ignore", "--github-comment", "--github-api-url" })
            Assert.Contains(option, output);
    }
}
