using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Mesh.Engine.Tests.Linking;

/// <summary>
/// After an index, only the calls a change can affect are linked again; the links must be exactly those of linking
/// everything. Generated workspaces change one repo at a time; real repos check each kind of change that moves links
/// in repos that did not change.
/// </summary>
public sealed class IncrementalLinkingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    /// <summary>Links and unresolved calls as stored, and as linking every call site of the store now gives them.</summary>
    private static void AssertSameAsFullLink(WorkspaceIndex index, string context)
    {
        var inputs = index.Store.LoadLinkInputs();
        var directory = new ServiceDirectory(inputs.Repos, index.Workspace.Services, inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
        var full = new Linker(inputs.Endpoints, directory, inputs.ProxyRoutes).Link(index.Store.LinkCalls(CallSelection.Everything).Select(c => c.Call));
        var stored = index.Store.Graph().Links.OrderBy(l => l.CallSite, StringComparer.Ordinal).ThenBy(l => l.Endpoint, StringComparer.Ordinal).ToList();
        var expected = full.Links.OrderBy(l => l.CallSite, StringComparer.Ordinal).ThenBy(l => l.Endpoint, StringComparer.Ordinal).ToList();
        var missing = expected.Except(stored).ToList();
        var extra = stored.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{context}: {missing.Count} links missing ({string.Join("; ", missing.Take(3))}), {extra.Count} stale ({string.Join("; ", extra.Take(3))})");
        Assert.Equal(full.Unresolved.Select(u => (u.CallSite, u.Reason)), index.Store.UnresolvedCalls().Select(u => (u.CallSite.Id, u.Reason)).OrderBy(u => u.Item1, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void After_any_one_repo_changes_the_incremental_links_equal_a_full_relink(int seed)
    {
        var index = WorkspaceIndex.Open(_workspace.Root);
        var world = new GeneratedWorkspace(new Random(seed), repos: 10);
        world.Generate();
        foreach (var name in world.Names) index.Store.SaveRepoIndex(world.Index(name));
        Assert.Equal("no links stored yet", index.Relink().FullReason);
        AssertSameAsFullLink(index, $"seed {seed}, first link");

        var incremental = 0;
        for (var step = 1; step <= 25; step++)
        {
            var (change, removed, written) = world.ChangeOne();
            if (removed is not null) index.Store.RemoveReposExcept(world.Names.ToList());
            if (written is not null) index.Store.SaveRepoIndex(world.Index(written));
            var report = index.Relink();
            output.WriteLine($"step {step}: {change}: {report.Relinked} of {report.CallSites} re-linked{(report.FullReason is { } why ? $" (full: {why})" : "")}");
            if (report.FullReason is null) incremental++;
            AssertSameAsFullLink(index, $"seed {seed}, step {step} ({change})");
        }
        Assert.True(incremental >= 15, $"only {incremental} of 25 changes were linked incrementally");
    }

    private static string Api(params string[] routes) =>
        "var app = WebApplication.CreateBuilder(args).Build();\n" + string.Concat(routes.Select(r => $"app.MapGet(\"{r}\", () => \"ok\");\n")) + "app.Run();\n";

    private static string GatewaySettings(string destination) =>
        $$"""
        {
          "ReverseProxy": {
            "Routes": { "shop": { "ClusterId": "shop", "Match": { "Path": "/shop/{**catch-all}" }, "Transforms": [ { "PathRemovePrefix": "/shop" } ] } },
            "Clusters": { "shop": { "Destinations": { "d1": { "Address": "http://{{destination}}/" } } } }
          }
        }
        """;

    /// <summary>A web app calling seven services, each through another kind of base.</summary>
    private const string WebApp =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri("http://orders"));
        builder.Services.AddHttpClient<BillingClient>(c => c.BaseAddress = new Uri("http://billing"));
        builder.Services.AddHttpClient<StatusClient>(c => c.BaseAddress = new Uri(Environment.GetEnvironmentVariable("STATUS_URL")!));
        builder.Services.AddHttpClient<PayClient>(c => c.BaseAddress = new("https+http://pay"));
        builder.Services.AddHttpClient<MoneyClient>(c => c.BaseAddress = new Uri(builder.Configuration["Backends:Money"]!));
        builder.Services.AddHttpClient<StockClient>(c => c.BaseAddress = new Uri("http://inventory"));
        builder.Services.AddHttpClient<GatewayClient>(c => c.BaseAddress = new Uri("http://gateway"));
        builder.Build().Run();
        public class OrdersClient(HttpClient http) { public Task<string> List() => http.GetStringAsync("/api/orders"); public Task<string> Get(int id) => http.GetStringAsync($"/api/orders/{id}"); }
        public class BillingClient(HttpClient http) { public Task<string> Invoices() => http.GetStringAsync("/api/invoices"); }
        public class StatusClient(HttpClient http) { public Task<string> Get() => http.GetStringAsync("/api/status"); }
        public class PayClient(HttpClient http) { public Task<string> Get() => http.GetStringAsync("/api/pay/status"); }
        public class MoneyClient(HttpClient http) { public Task<string> Get() => http.GetStringAsync("/api/money/status"); }
        public class StockClient(HttpClient http) { public Task<string> Get() => http.GetStringAsync("/api/stock"); }
        public class GatewayClient(HttpClient http) { public Task<string> Get() => http.GetStringAsync("/shop/api/invoices"); }
        """;

    private readonly Dictionary<string, TempRepo> _repos = [];

    private TempRepo Repo(string name) => _repos.TryGetValue(name, out var repo) ? repo : _repos[name] = _workspace.AddRepo(name);

    private async Task<WorkspaceIndex> BuildAndIndex()
    {
        Repo("orders").Write("src/Orders.Api/Program.cs", Api("/api/orders", "/api/status", "/api/pay/status")).Commit();
        Repo("billing").Write("src/Billing.Api/Program.cs", Api("/api/invoices", "/api/status", "/api/pay/status", "/api/money/status")).Commit();
        Repo("deploy").Write("docker-compose.yml", "services:\n  web:\n    image: web\n    environment:\n      - STATUS_URL=http://orders:80\n").Commit();
        Repo("platform").Write("src/AppHost/Program.cs", """var b = DistributedApplication.CreateBuilder(args); b.AddProject<Projects.Orders_Api>("pay"); b.Build().Run();""").Commit();
        Repo("gateway").Write("src/Gateway/appsettings.json", GatewaySettings("billing")).Commit();
        Repo("web").Write("src/Web/Program.cs", WebApp).Commit();
        var index = _workspace.OpenIndex();
        var first = await index.IndexAsync(new IndexRequest());
        Assert.Equal("no links stored yet", first.Linking!.FullReason);
        return index;
    }

    /// <summary>The endpoints a web call (by the URL it requests) is linked to, best first.</summary>
    private static List<string> TargetsOf(WorkspaceIndex index, string url)
    {
        var graph = index.Store.Graph();
        var call = graph.CallSites.Single(c => c.Repo == "web" && c.Fact.Url == url);
        return graph.Links.Where(l => l.CallSite == call.Id).OrderByDescending(l => l.Score).ThenBy(l => l.Endpoint, StringComparer.Ordinal).Select(l => l.Endpoint).ToList();
    }

    private static async Task<LinkingReport> Reindex(WorkspaceIndex index, bool force = false)
    {
        var report = (await index.IndexAsync(new IndexRequest(Force: force))).Linking!;
        AssertSameAsFullLink(index, "after the change");
        return report;
    }

    [Fact]
    public async Task When_nothing_was_written_since_the_last_link_the_stored_links_stand_without_loading_the_workspace()
    {
        var index = await BuildAndIndex();
        var before = index.Store.Graph().Links.Count;

        var report = await Reindex(index);

        Assert.Null(report.Stages);
        Assert.Equal(before, report.Links);
        Assert.Equal(before, index.Store.Graph().Links.Count);
    }

    [Fact]
    public async Task A_repo_written_without_a_link_after_it_makes_the_next_index_link_again()
    {
        var index = await BuildAndIndex();
        // What a run killed between its repo write and its link leaves: one more repo write than the links saw.
        using (var connection = new SqliteConnection($"Data Source={index.Workspace.DatabasePath}"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'";
            Assert.Equal(1, bump.ExecuteNonQuery());
        }

        var report = await Reindex(index);

        Assert.NotNull(report.Stages);
    }

    [Fact]
    public async Task A_service_alias_added_to_mesh_json_makes_the_next_index_link_again()
    {
        var index = await BuildAndIndex();
        File.WriteAllText(Path.Combine(_workspace.Root, "mesh.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            repos = _repos.Keys.Order(StringComparer.Ordinal).Select(name => new { name, path = name }),
            services = new Dictionary<string, object> { ["billing"] = new { repo = "billing", aliases = new[] { "invoices.internal" } } },
        }));

        var report = await Reindex(index);

        Assert.NotNull(report.Stages);
    }

    [Fact]
    public async Task A_route_added_to_a_provider_links_a_call_of_a_repo_that_did_not_change()
    {
        var index = await BuildAndIndex();
        Assert.Empty(TargetsOf(index, "/api/orders/{id}"));

        Repo("orders").Write("src/Orders.Api/Program.cs", Api("/api/orders", "/api/orders/{id}", "/api/status", "/api/pay/status")).Commit();
        var report = await Reindex(index);

        Assert.Equal(["orders:GET:/api/orders/{}"], TargetsOf(index, "/api/orders/{id}"));
        Assert.Null(report.FullReason);
        Assert.Equal(1, report.Relinked);
    }

    [Fact]
    public async Task A_route_removed_from_a_provider_unlinks_its_callers_direct_and_through_a_gateway()
    {
        var index = await BuildAndIndex();
        Assert.Equal(["billing:GET:/api/invoices"], TargetsOf(index, "/api/invoices"));

        Repo("billing").Write("src/Billing.Api/Program.cs", Api("/api/status", "/api/pay/status", "/api/money/status")).Commit();
        var report = await Reindex(index);

        Assert.Empty(TargetsOf(index, "/api/invoices"));
        Assert.Empty(TargetsOf(index, "/shop/api/invoices"));
        Assert.Equal(["orders:GET:/api/orders"], TargetsOf(index, "/api/orders"));
        Assert.Null(report.FullReason);
        Assert.Equal(2, report.Relinked);
    }

    [Fact]
    public async Task A_config_value_changed_in_another_repo_moves_the_calls_that_read_it()
    {
        var index = await BuildAndIndex();
        Assert.Equal(["orders:GET:/api/status"], TargetsOf(index, "/api/status"));

        Repo("deploy").Write("docker-compose.yml", "services:\n  web:\n    image: web\n    environment:\n      - STATUS_URL=http://billing:80\n").Commit();
        var report = await Reindex(index);

        Assert.Equal(["billing:GET:/api/status"], TargetsOf(index, "/api/status"));
        Assert.Null(report.FullReason);
        Assert.Equal(1, report.Relinked);
    }

    [Fact]
    public async Task A_service_declaration_changed_in_an_app_host_moves_the_calls_to_that_name()
    {
        var index = await BuildAndIndex();
        Assert.Equal(["orders:GET:/api/pay/status"], TargetsOf(index, "/api/pay/status"));

        Repo("platform").Write("src/AppHost/Program.cs", """var b = DistributedApplication.CreateBuilder(args); b.AddProject<Projects.Billing_Api>("pay"); b.Build().Run();""").Commit();
        var report = await Reindex(index);

        Assert.Equal(["billing:GET:/api/pay/status"], TargetsOf(index, "/api/pay/status"));
        Assert.Null(report.FullReason);
        Assert.Equal(1, report.Relinked);
    }

    [Fact]
    public async Task A_mesh_json_alias_changed_moves_calls_though_no_repo_changed()
    {
        await BuildAndIndex();
        void Config(string moneyRepo) => File.WriteAllText(Path.Combine(_workspace.Root, "mesh.json"),
            "{\"repos\":[" + string.Join(",", _repos.Keys.Order(StringComparer.Ordinal).Select(r => $"{{\"name\":\"{r}\",\"path\":\"{r}\"}}")) + "]," +
            $"\"services\":{{\"money\":{{\"repo\":\"{moneyRepo}\",\"aliases\":[\"Backends:Money\"]}}}}}}");
        Config("billing");
        var index = _workspace.OpenIndex();
        await Reindex(index);
        Assert.Equal(["billing:GET:/api/money/status"], TargetsOf(index, "/api/money/status"));

        Config("orders");
        var report = await Reindex(index);

        var link = Assert.Single(index.Store.Graph().Links, l => l.Endpoint == "billing:GET:/api/money/status");
        Assert.StartsWith("path+method, but the base points to 'orders' (mesh.json service alias 'Backends:Money')", link.Reason);
        Assert.Null(report.FullReason);
        Assert.Equal(1, report.Relinked);
    }

    [Fact]
    public async Task A_gateway_route_changed_moves_the_calls_through_it()
    {
        var index = await BuildAndIndex();
        Assert.Equal(["billing:GET:/api/invoices"], TargetsOf(index, "/shop/api/invoices"));

        Repo("gateway").Write("src/Gateway/appsettings.json", GatewaySettings("orders")).Commit();
        var report = await Reindex(index);

        Assert.Empty(TargetsOf(index, "/shop/api/invoices"));
        Assert.StartsWith("no such route: GET /shop/api/invoices in 'gateway'", index.Store.UnresolvedCalls().Single(u => u.CallSite.Fact.Url == "/shop/api/invoices").Reason);
        Assert.Null(report.FullReason);
        Assert.Equal(1, report.Relinked);
    }

    [Fact]
    public async Task A_new_repo_named_like_a_host_takes_the_calls_to_that_host()
    {
        var index = await BuildAndIndex();
        Assert.Empty(TargetsOf(index, "/api/stock"));

        Repo("inventory").Write("src/Program.cs", Api("/api/stock")).Commit();
        var report = await Reindex(index);

        Assert.Equal(["inventory:GET:/api/stock"], TargetsOf(index, "/api/stock"));
        Assert.Null(report.FullReason);
        Assert.Equal(1, report.Relinked);
    }

    [Fact]
    public async Task Indexing_again_without_a_change_links_nothing_again_and_a_forced_index_links_everything()
    {
        var index = await BuildAndIndex();

        var unchanged = await Reindex(index);
        var forced = await Reindex(index, force: true);

        Assert.Equal((0, null as string), (unchanged.Relinked, unchanged.FullReason));
        Assert.Equal((8, "a forced index links everything"), (forced.Relinked, forced.FullReason));
    }
}
