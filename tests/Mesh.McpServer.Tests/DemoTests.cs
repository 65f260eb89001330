using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.McpServer.Tests;

public sealed class DemoTests : IDisposable
{
    private readonly TempDirectory _directory = new("mesh-demo-test");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task<(int Code, string Out, string Err)> Demo(string dir)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(["demo", "--dir", dir], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_demo_builds_real_repos_indexes_them_and_explains_how_to_connect_an_agent()
    {
        var dir = _directory.Combine("ws");

        var (code, output, error) = await Demo(dir);

        Assert.True(code == 0, error);
        Assert.True(Directory.Exists(Path.Combine(dir, "orders", ".git")));
        Assert.Contains("7 git repos (basket, billing, catalog, orders, reports, storefront, webapp)", output);
        Assert.Contains(Lines(output), l => Has(l, "reports", "app/orders_client.py:16", "GET", "/orders/{order_id}", "env:ORDERS_URL"));
        Assert.Contains("Linked 11 of 11 call site(s)", output);
        Assert.Contains(Lines(output), l => Has(l, "storefront", "src/components/Basket.tsx:20", "GET", "/api/basket/{buyerId}", "env:VITE_BASKET_URL"));
        Assert.Contains("GET     /api/basket/{buyerId}", output);
        Assert.Contains(Lines(output), l => Has(l, "webapp", "src/WebApp/Services/BasketService.cs:10", "GET", "/api/basket/{buyerId}", "https+http://basket-api"));
        Assert.Contains(Lines(output), l => Has(l, "webapp", "src/WebApp/Services/OrderingService.cs:13", "POST", "/orders", "config:Services:Orders"));
        Assert.Contains("GET     /v2/products/{sku}", output);
        Assert.Contains("DELETE  /orders/{orderId} (deprecated)", output);
        Assert.Contains("docs/swagger.json:", output);
        Assert.Contains("0 file(s) parsed", output);
        Assert.Contains("not safe to ship: 1 breaking change(s), 2 consumer call site(s) affected", output);
        Assert.Contains("[api-removed-without-deprecation]", output);
        Assert.Contains("line 16 becomes: return self.http.get(f\"/v2/orders/{order_id}\").json()", output);
        Assert.Contains(Lines(output), l => Has(l, "FAIL", "reports", "app/orders_client.py:16", "GET", "/orders/{order_id}"));
        Assert.Contains(Lines(output), l => Has(l, "PASS", "webapp", "src/WebApp/Services/OrderingService.cs:9", "GET", "/v2/orders/{orderId}"));
        Assert.Contains("7 repo(s): ", output);
        Assert.True(File.Exists(Path.Combine(dir, "webapp", "AGENTS.md")));
        Assert.Contains("mesh:", File.ReadAllText(Path.Combine(dir, "webapp", "AGENTS.md")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"mcpServers\"", output);
        Assert.Contains("serve", output);
    }

    [Fact]
    public async Task The_demo_writes_context_files_from_an_index_of_the_providers_change_and_shows_the_consumers_breaking_call()
    {
        var dir = _directory.Combine("ws");

        var (code, output, error) = await Demo(dir);

        Assert.True(code == 0, error);
        var reindexed = output.IndexOf("as CI does once the provider's change is on its branch", StringComparison.Ordinal);
        var written = output.IndexOf("$ mesh context write", StringComparison.Ordinal);
        Assert.True(reindexed > 0 && reindexed < written, "the demo re-indexes the provider's new head before it writes context files");
        var reports = File.ReadAllText(Path.Combine(dir, "reports", "AGENTS.md"));
        Assert.Contains("**breaking** `GET /orders/{orderId}`", reports);
        Assert.Contains("call `app/orders_client.py:16` `GET /orders/{order_id}`: breaking", reports);
        var shown = output[written..];
        Assert.Contains("What an agent working in reports now reads first (reports/AGENTS.md):", shown);
        Assert.Contains("call `app/orders_client.py:16` `GET /orders/{order_id}`: breaking", shown);
        // The webapp's committed call is still the old path until its edit is committed: its file says so too.
        Assert.Contains("**breaking** `GET /orders/{orderId}`", File.ReadAllText(Path.Combine(dir, "webapp", "AGENTS.md")));
    }

    [Fact]
    public async Task The_demo_is_repeatable_in_its_own_folder_and_produces_the_same_commits()
    {
        var dir = _directory.Combine("ws");
        var (_, first, _) = await Demo(dir);
        SqliteConnection.ClearAllPools();

        var (code, second, _) = await Demo(dir);

        Assert.Equal(0, code);
        Assert.Equal(Revisions(first), Revisions(second));
    }

    [Fact]
    public async Task The_demo_refuses_a_folder_it_did_not_create()
    {
        var dir = _directory.Combine("mine");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "precious.txt"), "keep me");

        var (code, _, error) = await Demo(dir);

        Assert.Equal(2, code);
        Assert.Contains("not empty and was not created by 'mesh demo'", error);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(dir, "precious.txt")));
    }

    [Fact]
    public async Task The_gate_still_names_the_demos_two_consumers_after_the_index_reads_the_providers_new_head()
    {
        var dir = _directory.Combine("ws");
        Assert.Equal(0, (await Demo(dir)).Code);
        SqliteConnection.ClearAllPools();

        var (indexCode, _, indexError) = await Mesh("index", "--workspace", dir);
        var (code, output, _) = await Mesh("diff", "--workspace", dir, "--repo", "orders", "--base", "HEAD~1", "--head", "HEAD");

        Assert.True(indexCode == 0, indexError);
        Assert.Equal(1, code);
        Assert.Contains("not safe to ship: 1 breaking change(s), 2 consumer call site(s) affected", output);
        Assert.Contains(Lines(output), l => l.Contains("affects reports app/orders_client.py:16  GET /orders/{order_id}  ERR", StringComparison.Ordinal));
        Assert.Contains(Lines(output), l => l.Contains("affects webapp src/WebApp/Services/OrderingService.cs:9  GET /orders/{orderId}  ERR", StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Out, string Err)> Mesh(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Lines(string output) => output.Split('\n');

    /// <summary>True when a table row holds exactly these cells, in order.</summary>
    private static bool Has(string line, params string[] cells) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(cells);

    private static List<string> Revisions(string output) =>
        output.Split('\n').Where(l => l.Contains(": indexed at ", StringComparison.Ordinal)).Select(l => l.Split(" at ")[1][..10]).ToList();
}
