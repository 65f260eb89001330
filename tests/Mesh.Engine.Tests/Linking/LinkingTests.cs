using Mesh.Engine.Indexing;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Mesh.Engine.Tests.Linking;

/// <summary>
/// A realistic workspace of seven repos in four languages (two services sharing paths, a gateway, a C# web app, a C#
/// worker, a Python analytics job and a TypeScript storefront) with
/// the links a reviewer expects; the test reports precision and recall and holds them to the targets.
/// </summary>
public sealed class LinkingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private const string OrdersSpec =
        """
        openapi: 3.0.3
        info: { title: Orders, version: 1.0.0 }
        servers:
          - url: https://orders.internal.example.com
        paths:
          /api/orders:
            get: { operationId: listOrders, responses: { '200': { description: ok } } }
            post: { operationId: createOrder, responses: { '201': { description: created } } }
          /api/orders/{orderId}:
            get: { operationId: getOrder, responses: { '200': { description: ok } } }
          /api/health:
            get: { operationId: health, responses: { '200': { description: ok } } }
        """;

    private const string CatalogApi =
        """
        var app = WebApplication.CreateBuilder(args).Build();
        var api = app.MapGroup("/api");
        api.MapGet("/items", () => TypedResults.Ok());
        api.MapGet("/items/{id:int}", (int id) => TypedResults.Ok());
        api.MapPut("/items/{id:int}", (int id, Item item) => TypedResults.NoContent());
        api.MapGet("/health", () => "ok");
        app.Run();
        """;

    private const string GatewaySettings =
        """
        {
          "ReverseProxy": {
            "Routes": {
              "catalog": { "ClusterId": "catalog", "Match": { "Path": "/catalog/{**catch-all}" }, "Transforms": [ { "PathPattern": "/api/{**catch-all}" } ] },
              "orders":  { "ClusterId": "orders",  "Match": { "Path": "/orders-api/{**catch-all}" }, "Transforms": [ { "PathRemovePrefix": "/orders-api" } ] }
            },
            "Clusters": {
              "catalog": { "Destinations": { "d1": { "Address": "http://catalog/" } } },
              "orders":  { "Destinations": { "d1": { "Address": "http://orders/" } } }
            }
          }
        }
        """;

    private const string WebProgram =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogClient>(c => c.BaseAddress = new Uri("http://catalog"));
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri(builder.Configuration["Services:Orders"]!));
        builder.Services.AddHttpClient<GatewayClient>(c => c.BaseAddress = new Uri(Environment.GetEnvironmentVariable("GATEWAY_URL")!));
        builder.Build().Run();
        """;

    private const string WebClients =
        """
        public class CatalogClient(HttpClient http)
        {
            private const string Items = "/api/items";
            public Task<Item?> Get(int id) => http.GetFromJsonAsync<Item>($"{Items}/{id}");
            public Task Update(int id, Item item) => http.PutAsJsonAsync($"{Items}/{id}", item);
            public Task<string> Health() => http.GetStringAsync("/api/health");
        }

        public class OrdersClient(HttpClient http)
        {
            public Task<Order?> Get(string id) => http.GetFromJsonAsync<Order>("api/orders/" + id);
            public Task<string> Health() => http.GetStringAsync("/api/health");
            public Task Cancel(string id) => http.DeleteAsync($"/api/orders/{id}");
        }

        public class GatewayClient(HttpClient http)
        {
            public Task<Item?> Item(int id) => http.GetFromJsonAsync<Item>($"/catalog/items/{id}");
            public Task<List<Order>?> Orders() => http.GetFromJsonAsync<List<Order>>("/orders-api/api/orders");
        }
        """;

    private const string WebSettings = """{ "Services": { "Orders": "https://orders.internal.example.com/" } }""";

    private const string WebEnv = "GATEWAY_URL=http://gateway:8080\n";

    private const string WorkerClient =
        """
        public class Sync(IHttpClientFactory factory)
        {
            public async Task Run()
            {
                var client = factory.CreateClient("unknown");
                await client.PostAsJsonAsync("/api/orders", new { });
                await client.GetAsync("/api/items");
            }
        }
        """;

    private const string AnalyticsClient =
        """
        import os

        import httpx
        import requests

        CATALOG = httpx.Client(base_url=os.environ["CATALOG_URL"])


        def fetch_json(path):
            return requests.get("https://orders.internal.example.com" + path).json()


        def item(item_id):
            return CATALOG.get(f"/api/items/{item_id}").json()


        def health():
            return requests.get("https://orders.internal.example.com/api/health").json()


        def order(order_id):
            return fetch_json(f"/api/orders/{order_id}")
        """;

    private const string AnalyticsEnv = "CATALOG_URL=http://catalog-api:8080\n";

    private const string StorefrontApi =
        """
        import axios from "axios";

        const catalog = axios.create({ baseURL: import.meta.env.VITE_CATALOG_URL });

        export default catalog;
        """;

    private const string StorefrontPage =
        """
        import catalog from "../api/catalog";

        export async function loadItem(id: number) {
          const item = await catalog.get(`/api/items/${id}`);
          const health = await fetch(`${process.env.ORDERS_URL}/api/health`);
          return { item: item.data, healthy: health.ok };
        }
        """;

    private const string StorefrontEnv = "VITE_CATALOG_URL=http://catalog\nORDERS_URL=https://orders.internal.example.com\n";

    /// <summary>Expected links as "repo file:line → endpoint id".</summary>
    private static readonly string[] Expected =
    [
        "web src/Web/Clients.cs:4 → catalog:GET:/api/items/{}",
        "web src/Web/Clients.cs:5 → catalog:PUT:/api/items/{}",
        "web src/Web/Clients.cs:6 → catalog:GET:/api/health",
        "web src/Web/Clients.cs:11 → orders:GET:/api/orders/{}",
        "web src/Web/Clients.cs:12 → orders:GET:/api/health",
        "web src/Web/Clients.cs:18 → catalog:GET:/api/items/{}",
        "web src/Web/Clients.cs:19 → orders:GET:/api/orders",
        "analytics analytics/client.py:14 → catalog:GET:/api/items/{}",
        "analytics analytics/client.py:18 → orders:GET:/api/health",
        "analytics analytics/client.py:22 → orders:GET:/api/orders/{}",
        "storefront src/pages/item.ts:4 → catalog:GET:/api/items/{}",
        "storefront src/pages/item.ts:5 → orders:GET:/api/health",
    ];

    private async Task<WorkspaceIndex> Build()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", OrdersSpec).Commit();
        _workspace.AddRepo("catalog").Write("src/Catalog.Api/Program.cs", CatalogApi).Commit();
        _workspace.AddRepo("gateway").Write("src/Gateway/appsettings.json", GatewaySettings).Commit();
        _workspace.AddRepo("web").Write("src/Web/Program.cs", WebProgram).Write("src/Web/Clients.cs", WebClients)
            .Write("src/Web/appsettings.json", WebSettings).Write(".env", WebEnv).Commit();
        _workspace.AddRepo("worker").Write("src/Worker/Sync.cs", WorkerClient).Commit();
        _workspace.AddRepo("analytics").Write("analytics/client.py", AnalyticsClient).Write(".env", AnalyticsEnv).Commit();
        _workspace.AddRepo("storefront").Write("src/api/catalog.ts", StorefrontApi).Write("src/pages/item.ts", StorefrontPage)
            .Write(".env", StorefrontEnv).Commit();
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index;
    }

    private static List<string> Found(GraphSnapshot graph, double minimumScore = 0)
    {
        var calls = graph.CallSites.ToDictionary(c => c.Id);
        return graph.Links.Where(l => l.Score >= minimumScore)
            .Select(l => $"{calls[l.CallSite].Repo} {calls[l.CallSite].File}:{calls[l.CallSite].Line} → {l.Endpoint}").ToList();
    }

    [Fact]
    public async Task Links_across_repos_reach_precision_and_recall_targets()
    {
        var index = await Build();

        var graph = index.Store.Graph();
        var found = Found(graph, minimumScore: 0.5);
        var truePositives = found.Intersect(Expected).Count();
        var precision = found.Count == 0 ? 0 : (double)truePositives / found.Count;
        var recall = (double)truePositives / Expected.Length;
        output.WriteLine($"linking quality: precision {precision:0.00}, recall {recall:0.00} ({truePositives} of {Expected.Length} expected links, {found.Count} found at score >= 0.5)");
        foreach (var missing in Expected.Except(found)) output.WriteLine($"  missing: {missing}");
        foreach (var extra in found.Except(Expected)) output.WriteLine($"  unexpected: {extra}");
        foreach (var link in graph.Links.Where(l => l.Score < 0.5)) output.WriteLine($"  weak: {link.CallSite} → {link.Endpoint} {link.Score} {link.Reason} via {link.Via}");
        foreach (var (call, reason) in index.Store.UnresolvedCalls()) output.WriteLine($"  unresolved: {call.Repo} {call.File}:{call.Line} {call.Fact.Url} base={call.Fact.BaseHint}: {reason}");

        Assert.True(precision >= 0.95, $"precision {precision:0.00}");
        Assert.True(recall >= 0.90, $"recall {recall:0.00}");
    }

    [Fact]
    public async Task A_path_served_by_two_services_is_told_apart_by_the_calls_base()
    {
        var index = await Build();

        var health = Found(index.Store.Graph()).Where(l => l.Contains("/api/health", StringComparison.Ordinal)).Order().ToList();

        Assert.Equal(
            ["analytics analytics/client.py:18 → orders:GET:/api/health", "storefront src/pages/item.ts:5 → orders:GET:/api/health",
             "web src/Web/Clients.cs:12 → orders:GET:/api/health", "web src/Web/Clients.cs:6 → catalog:GET:/api/health"],
            health);
    }

    [Fact]
    public async Task Calls_through_the_gateway_are_followed_one_hop_and_shown_as_via()
    {
        var index = await Build();

        var graph = index.Store.Graph();
        var viaGateway = graph.Links.Where(l => l.Via is not null).Select(l => (l.Endpoint, l.Via)).Order().ToList();

        Assert.Equal([("catalog:GET:/api/items/{}", "gateway:catalog"), ("orders:GET:/api/orders", "gateway:orders")], viaGateway);
    }

    [Fact]
    public async Task Every_call_site_is_either_linked_or_unresolved_with_a_reason()
    {
        var index = await Build();

        var graph = index.Store.Graph();
        var unresolved = index.Store.UnresolvedCalls();
        var linked = graph.Links.Select(l => l.CallSite).ToHashSet();

        Assert.All(graph.CallSites, c => Assert.True(linked.Contains(c.Id) || unresolved.Any(u => u.CallSite.Id == c.Id), $"{c.Id} is neither linked nor unresolved"));
        var cancel = Assert.Single(unresolved, u => u.CallSite.Repo == "web");
        Assert.Equal(12 + 1, cancel.CallSite.Line);
        Assert.StartsWith("no such route: DELETE /api/orders/{id} in 'orders'", cancel.Reason);
    }

    [Fact]
    public async Task A_call_without_a_known_base_matching_another_repos_route_is_unresolved_naming_it()
    {
        var index = await Build();

        var graph = index.Store.Graph();
        var worker = graph.CallSites.Where(c => c.Repo == "worker").Select(c => c.Id).ToHashSet();
        var unresolved = index.Store.UnresolvedCalls().Where(u => worker.Contains(u.CallSite.Id)).OrderBy(u => u.CallSite.Line).Select(u => u.Reason).ToList();

        Assert.DoesNotContain(graph.Links, l => worker.Contains(l.CallSite));
        Assert.Equal(2, unresolved.Count);
        Assert.StartsWith("no evidence which repo it reaches: POST /api/orders is served by orders POST /api/orders (", unresolved[0]);
        Assert.StartsWith("no evidence which repo it reaches: GET /api/items is served by catalog GET /api/items (", unresolved[1]);
    }
}
