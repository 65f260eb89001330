using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mesh.Engine.Indexing;
using Mesh.Engine.Queries;
using Mesh.McpServer.Graph;
using Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesh.McpServer.Tests;

/// <summary>The shop workspace indexed once, served by a minimal host that maps only the graph page, on a loopback port.</summary>
public sealed class GraphPageHost : IAsyncLifetime
{
    public TempWorkspace Workspace { get; } = new();
    public WorkspaceIndex Index { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Address { get; private set; } = "";
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        ShopWorkspace.Create(Workspace);
        Index = Workspace.OpenIndex();
        await Index.IndexAsync(new IndexRequest());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Index);
        _app = builder.Build();
        _app.MapServiceGraph();
        await _app.StartAsync();
        Address = _app.Urls.Single().TrimEnd('/') + "/";
        Http = new HttpClient { BaseAddress = new Uri(Address) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Workspace.Dispose();
    }
}

/// <summary>
/// The service-graph page: its JSON API over a real workspace of git repos, and the page itself in a real headless
/// chromium (served, and as the one file `mesh graph --format html` writes): nodes and edges drawn, a click lists a
/// service's endpoints and their consumers, a screenshot is a PNG. `orders` dropped a field web reads since HEAD~3.
/// </summary>
public sealed class GraphPageTests(GraphPageHost host) : IClassFixture<GraphPageHost>
{
    private const string Base = "HEAD~3";

    private static int LineOf(string source, string text) =>
        source.ReplaceLineEndings("\n").Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(text, StringComparison.Ordinal)).i + 1;

    private static readonly string WebGetsAnOrder = $"src/Web/OrdersClient.cs:{LineOf(ShopWorkspace.WebOrdersClient, "GetFromJsonAsync<OrderView>")}";

    private async Task<JsonNode> GetJson(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await host.Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private IEnumerable<string> ExpectedEdges() =>
        ServiceGraph.Edges(host.Index.Store.Graph()).Select(e => $"{e.From}>{e.To}:{e.Calls}");

    [Fact]
    public async Task The_graph_api_lists_the_services_and_the_call_counts_of_mesh_graph()
    {
        var map = await GetJson("api/graph");

        Assert.Equal(["orders", "reports", "web"], map["services"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var edges = map["edges"]!.AsArray().Select(e => $"{e!["from"]}>{e["to"]}:{e["calls"]}").ToList();
        Assert.Equal(ExpectedEdges(), edges);
        Assert.Contains(edges, e => e.StartsWith("web>orders:", StringComparison.Ordinal));
        Assert.Null(map["base"]);
        Assert.All(map["edges"]!.AsArray(), e => Assert.Equal(0, e!["breaking"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Against_a_base_the_graph_marks_the_breaking_provider_and_the_calls_it_breaks()
    {
        var map = await GetJson($"api/graph?base={Uri.EscapeDataString(Base)}");

        Assert.Equal(Base, map["base"]!.GetValue<string>());
        var services = map["services"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
        Assert.True(services["orders"]["breaking"]!.GetValue<int>() >= 1, map.ToJsonString());
        Assert.True(services["web"]["broken_calls"]!.GetValue<int>() >= 1, map.ToJsonString());
        var webToOrders = map["edges"]!.AsArray().Single(e => e!["from"]!.GetValue<string>() == "web" && e["to"]!.GetValue<string>() == "orders")!;
        Assert.True(webToOrders["breaking"]!.GetValue<int>() >= 1, map.ToJsonString());
        // web and reports have one commit: they have no HEAD~3, and say so instead of failing the map.
        Assert.Contains(map["notes"]!.AsArray(), n => n!.GetValue<string>().StartsWith("web: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repo_s_endpoints_list_their_consumers_with_file_and_line()
    {
        var detail = await GetJson($"api/repos/orders/endpoints?base={Uri.EscapeDataString(Base)}");

        Assert.Equal("orders", detail["repo"]!.GetValue<string>());
        var getOrder = detail["endpoints"]!.AsArray().Single(e => e!["method"]!.GetValue<string>() == "GET" && e["path"]!.GetValue<string>().StartsWith("/orders/{id", StringComparison.Ordinal))!;
        Assert.Equal("src/Orders.Api/Program.cs", getOrder["file"]!.GetValue<string>());
        Assert.Equal("err", getOrder["changed"]!.GetValue<string>());
        var consumers = getOrder["consumers"]!.AsArray().Select(c => $"{c!["repo"]} {c["file"]}:{c["line"]}").ToList();
        Assert.Contains($"web {WebGetsAnOrder}", consumers);
        Assert.Contains($"reports reports/app.py:{LineOf(ShopWorkspace.ReportsApp, "/orders/{order_id}\").json()")}", consumers);
        Assert.Contains(detail["changes"]!.AsArray(), c => c!["rule"]!.GetValue<string>().Contains("removed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_repo_is_a_404_that_names_the_known_ones()
    {
        var answer = await GetJson("api/repos/ordrs/endpoints", HttpStatusCode.NotFound);

        var error = answer["error"]!.GetValue<string>();
        Assert.Contains("ordrs", error, StringComparison.Ordinal);
        Assert.Contains("orders", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_self_contained_html()
    {
        using var response = await host.Http.GetAsync("");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=|<link\b|@import|url\(\s*['""]?https?:", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("id=\"mesh-data\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_served_page_draws_the_graph_and_a_click_on_a_service_lists_its_endpoints()
    {
        await using var browser = await HeadlessChromium.StartAsync();

        await browser.NavigateAsync($"{host.Address}?base={Uri.EscapeDataString(Base)}");

        await AssertDrawsAndOpensOrders(browser, "served");
        // The page reads its own JSON API and nothing from elsewhere (the browser may ask the same origin for a favicon).
        var resources = (await browser.EvaluateAsync("performance.getEntriesByType('resource').map(r => r.name)"))!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(resources, r => r.StartsWith(host.Address + "api/graph?base=", StringComparison.Ordinal));
        Assert.All(resources, r => Assert.StartsWith(host.Address, r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mesh_graph_format_html_writes_one_file_that_draws_the_same_graph_offline()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await Cli.RunAsync(["graph", "--format", "html", "--base", Base, "--workspace", host.Workspace.Root], output, error));
        var file = Path.Combine(host.Workspace.Root, "graph.html");
        await File.WriteAllTextAsync(file, output.ToString());
        await using var browser = await HeadlessChromium.StartAsync();

        await browser.NavigateAsync(new Uri(file).AbsoluteUri);

        await AssertDrawsAndOpensOrders(browser, "file");
        Assert.Equal(0, (await browser.EvaluateAsync("performance.getEntriesByType('resource').length"))!.GetValue<int>());
    }

    [Fact]
    public async Task The_html_file_is_the_same_bytes_every_time()
    {
        var first = new StringWriter();
        var second = new StringWriter();

        Assert.Equal(0, await Cli.RunAsync(["graph", "--format", "html", "--base", Base, "--workspace", host.Workspace.Root], first, new StringWriter()));
        Assert.Equal(0, await Cli.RunAsync(["graph", "--format", "html", "--base", Base, "--workspace", host.Workspace.Root], second, new StringWriter()));

        Assert.Equal(first.ToString(), second.ToString());
        Assert.Contains("id=\"mesh-data\"", first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base_option_goes_only_with_the_html_format()
    {
        var error = new StringWriter();

        Assert.Equal(Cli.ToolFailed, await Cli.RunAsync(["graph", "--format", "json", "--base", Base, "--workspace", host.Workspace.Root], new StringWriter(), error));
        Assert.Contains("--format html", error.ToString(), StringComparison.Ordinal);
    }

    private async Task AssertDrawsAndOpensOrders(HeadlessChromium browser, string name)
    {
        await browser.WaitUntilAsync("document.body.dataset.state === 'ready'");
        var nodes = await Strings(browser, "[...document.querySelectorAll('#graph svg .node')].filter(n => n.getBBox().width > 0).map(n => n.dataset.repo)");
        Assert.Equal(["orders", "reports", "web"], nodes);
        var edges = await Strings(browser,
            "[...document.querySelectorAll('#graph svg .edge')].filter(e => e.querySelector('path').getTotalLength() > 0).map(e => `${e.dataset.from}>${e.dataset.to}:${e.dataset.calls}`)");
        Assert.Equal(ExpectedEdges(), edges);
        Assert.Contains("web>orders", await Strings(browser, "[...document.querySelectorAll('.edge.breaking')].map(e => `${e.dataset.from}>${e.dataset.to}`)"));
        Assert.Contains("orders", await Strings(browser, "[...document.querySelectorAll('.node.breaking')].map(n => n.dataset.repo)"));

        await browser.EvaluateAsync("document.querySelector('.node[data-repo=\"orders\"]').dispatchEvent(new MouseEvent('click', { bubbles: true }))");

        await browser.WaitUntilAsync("document.getElementById('detail').dataset.repo === 'orders'", "document.getElementById('detail').outerHTML");
        var endpoints = await Strings(browser, "[...document.querySelectorAll('#detail li.endpoint')].map(e => e.dataset.endpoint)");
        Assert.Equal(host.Index.Store.Graph().Endpoints.Count(e => e.Repo == "orders"), endpoints.Count);
        var detail = (await browser.EvaluateAsync("document.getElementById('detail').innerText"))!.GetValue<string>();
        Assert.Contains(WebGetsAnOrder, detail, StringComparison.Ordinal);
        Assert.Contains("reports/app.py:", detail, StringComparison.Ordinal);

        var png = await browser.ScreenshotAsync();
        Assert.True(png.Length > 1000, $"screenshot of {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // Kept beside the test binaries, to look at what a person sees.
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, $"graph-page-{name}.png"), png);
    }

    private static async Task<List<string>> Strings(HeadlessChromium browser, string expression) =>
        [.. (await browser.EvaluateAsync(expression))!.AsArray().Select(n => n!.GetValue<string>())];
}
