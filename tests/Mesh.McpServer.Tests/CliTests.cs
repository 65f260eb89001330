using System.Text.Json;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.McpServer.Tests;

public sealed class CliTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public CliTests()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Write("package.json", "{\"name\":\"orders\"}").Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
    }

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

    [Fact]
    public async Task Index_prints_a_summary_with_files_seen_parsed_and_endpoints()
    {
        var (code, output, _) = await Mesh("index");

        Assert.Equal(0, code);
        Assert.Contains("Indexed 2 repo(s)", output);
        Assert.Contains("3 file(s) seen, 3 parsed, 0 skipped, 4 endpoint(s)", output);
        Assert.Contains("orders: indexed at ", output);
    }

    [Fact]
    public async Task Indexing_twice_parses_nothing_the_second_time()
    {
        await Mesh("index");

        var (_, output, _) = await Mesh("index");

        Assert.Contains("0 parsed", output);
        Assert.Contains("orders: unchanged", output);
    }

    [Fact]
    public async Task Apis_lists_every_operation_as_a_table_with_file_and_line()
    {
        await Mesh("index");

        var (code, output, _) = await Mesh("apis");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("REPO", lines[0]);
        Assert.Contains(lines, l => l.Contains("orders") && l.Contains("GET") && l.Contains("/orders/{id}") && l.Contains("getOrder") && l.Contains("api/openapi.yaml:19"));
        Assert.Contains(lines, l => l.Contains("billing") && l.Contains("docs/swagger.json:6"));
        Assert.Equal("4 endpoint(s)", lines[^1].Trim());
    }

    [Fact]
    public async Task Apis_json_filters_by_repo_and_method()
    {
        await Mesh("index");

        var (_, output, _) = await Mesh("apis", "--repo", "orders", "--method", "get", "--json");

        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["/orders", "/orders/{id}"], rows.Select(r => r.GetProperty("path").GetString()));
        Assert.All(rows, r => Assert.Equal("GET", r.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task Graph_json_has_repos_endpoints_call_sites_and_links()
    {
        await Mesh("index");

        var (code, output, _) = await Mesh("graph", "--format", "json");

        Assert.Equal(0, code);
        var graph = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["billing", "orders"], graph.GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var endpoint = graph.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("operation_id").GetString() == "createOrder");
        Assert.Equal("orders:POST:/orders", endpoint.GetProperty("id").GetString());
        Assert.Equal("POST", endpoint.GetProperty("method").GetString());
        Assert.Equal("/orders", endpoint.GetProperty("path").GetString());
        Assert.Equal("openapi", endpoint.GetProperty("source").GetString());
        Assert.Equal("openapi-3.1", endpoint.GetProperty("framework").GetString());
        Assert.Equal("api/openapi.yaml", endpoint.GetProperty("file").GetString());
        Assert.Equal(9, endpoint.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Array, graph.GetProperty("call_sites").ValueKind);
        Assert.Equal(JsonValueKind.Array, graph.GetProperty("links").ValueKind);
    }

    [Fact]
    public async Task Graph_json_is_byte_for_byte_deterministic()
    {
        await Mesh("index");
        var (_, first, _) = await Mesh("graph");

        await Mesh("index", "--force");
        var (_, second, _) = await Mesh("graph");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task An_unknown_repo_fails_with_exit_code_2_and_did_you_mean()
    {
        var (code, _, error) = await Mesh("apis", "--repo", "ordrs");

        Assert.Equal(2, code);
        Assert.Contains("mesh: unknown repo 'ordrs' (did you mean 'orders'?)", error);
    }

    [Fact]
    public async Task A_repo_that_fails_to_index_makes_index_exit_1_and_says_why()
    {
        _workspace.WriteConfig(new { name = "orders", path = "orders", @ref = "nope" }, new { name = "billing", path = "billing" });

        var (code, output, _) = await Mesh("index");

        Assert.Equal(1, code);
        Assert.Contains("orders: FAILED: unknown ref 'nope'", output);
        Assert.Contains("billing: indexed", output);
    }

    [Fact]
    public async Task A_missing_workspace_is_a_clear_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Cli.RunAsync(["index", "--workspace", Path.Combine(_workspace.Root, "nope")], output, error);

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error.ToString());
    }

    [Fact]
    public async Task Apis_on_an_empty_index_says_to_index_first()
    {
        var (code, output, _) = await Mesh("apis");

        Assert.Equal(0, code);
        Assert.Contains("run 'mesh index' first", output);
    }

    [Fact]
    public async Task Help_is_available_for_every_verb()
    {
        foreach (var verb in new[] { "index", "add", "apis", "graph", "migrate", "serve", "demo" })
        {
            var (code, output, _) = await Mesh(verb, "--help");
            Assert.Equal(0, code);
            Assert.Contains("--workspace", output);
        }
    }
}
