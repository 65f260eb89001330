using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.CSharp;

/// <summary>A small multi-project .NET solution read as one repo: consumers composed across files by the resolver.</summary>
public sealed class SolutionTests
{
    private const string WebAppProgram =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<CatalogService>(o => o.BaseAddress = new("https+http://catalog-api"));
        builder.Services.AddHttpClient("ordering", c => c.BaseAddress = new Uri(builder.Configuration["OrderingUrl"]!));
        builder.Services.AddRefitClient<IBasketApi>().ConfigureHttpClient(c => c.BaseAddress = new Uri("http://basket-api"));
        var app = builder.Build();
        app.MapRazorPages();
        app.MapGrpcService<GreeterService>();
        app.Run();
        """;

    private const string CatalogService =
        """
        namespace WebApp.Services;

        public class CatalogService(HttpClient httpClient)
        {
            private readonly string remoteServiceBaseUrl = "api/catalog/";

            public Task<CatalogItem?> GetCatalogItem(int id)
            {
                var uri = $"{remoteServiceBaseUrl}items/{id}";
                return httpClient.GetFromJsonAsync<CatalogItem>(uri);
            }

            public async Task<CatalogItem?> CreateAsync(CatalogItem item)
            {
                var response = await httpClient.PostAsJsonAsync(remoteServiceBaseUrl + "items", item);
                return await response.Content.ReadFromJsonAsync<CatalogItem>();
            }
        }

        public record CatalogItem(int Id, string Name, decimal Price);
        """;

    private const string OrderingClient =
        """
        namespace WebApp.Services;

        public class OrderingClient(IHttpClientFactory factory)
        {
            public async Task CancelAsync(int orderNumber)
            {
                var client = factory.CreateClient("ordering");
                await client.PutAsJsonAsync("/api/orders/cancel", new CancelOrder(orderNumber));
            }
        }

        public record CancelOrder(int OrderNumber);
        """;

    private const string RequestProvider =
        """
        namespace WebApp.Services;

        public class RequestProvider(HttpClient httpClient)
        {
            public async Task<TResult> GetAsync<TResult>(string uri)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                var response = await httpClient.SendAsync(request);
                return (await response.Content.ReadFromJsonAsync<TResult>())!;
            }
        }
        """;

    private const string OrderService =
        """
        namespace WebApp.Services;

        public class OrderService(RequestProvider requestProvider)
        {
            private const string ApiUrlBase = "api/orders";

            public Task<Order[]> GetOrdersAsync() => requestProvider.GetAsync<Order[]>(ApiUrlBase);

            public Task<Order> GetOrderAsync(int orderId) => requestProvider.GetAsync<Order>($"{ApiUrlBase}/{orderId}");
        }
        """;

    private const string BasketApi =
        """
        using Refit;

        namespace WebApp.Services;

        public interface IBasketApi
        {
            [Get("/api/basket/{buyerId}")]
            Task<CustomerBasket> GetBasketAsync(string buyerId);

            [Post("/api/basket")]
            Task UpdateBasketAsync([Body] CustomerBasket basket);
        }

        public record CustomerBasket(string BuyerId, List<BasketItem> Items);
        public record BasketItem(int ProductId, int Quantity);
        """;

    private const string HomeController =
        """
        public class HomeController : Controller
        {
            public IActionResult Index() => View();
        }
        """;

    private const string AppHost =
        """
        var builder = DistributedApplication.CreateBuilder(args);
        var catalogApi = builder.AddProject<Projects.Catalog_Api>("catalog-api");
        builder.AddProject<Projects.WebApp>("webapp").WithReference(catalogApi);
        builder.Build().Run();
        """;

    private const string Test =
        """
        public class CatalogTests(HttpClient client)
        {
            [Fact]
            public async Task Lists_items() => await client.GetAsync("/api/catalog/items");
        }
        """;

    private static Task<RepoSurface> Index() => CSharpRepo.Index(
        ("src/WebApp/Program.cs", WebAppProgram),
        ("src/WebApp/Services/CatalogService.cs", CatalogService),
        ("src/WebApp/Services/OrderingClient.cs", OrderingClient),
        ("src/WebApp/Services/RequestProvider.cs", RequestProvider),
        ("src/WebApp/Services/OrderService.cs", OrderService),
        ("src/WebApp/Services/IBasketApi.cs", BasketApi),
        ("src/WebApp/Controllers/HomeController.cs", HomeController),
        ("src/WebApp/obj/Debug/net10.0/WebApp.GlobalUsings.g.cs", "global using System;"),
        ("src/AppHost/Program.cs", AppHost),
        ("tests/WebApp.Tests/CatalogTests.cs", Test));

    private static string Describe(CallSite c) =>
        $"{c.File}:{c.Line} {c.Fact.Client} {c.Fact.Method} {c.Fact.Url} base={c.Fact.BaseHint ?? "-"} via={c.Fact.Via ?? "-"} test={c.IsTest}";

    [Fact]
    public async Task Every_call_site_has_its_url_method_line_and_service_hint()
    {
        var surface = await Index();

        Assert.Equal(
            """
            src/WebApp/Services/CatalogService.cs:10 HttpClient GET api/catalog/items/{id} base=https+http://catalog-api via=- test=False
            src/WebApp/Services/CatalogService.cs:15 HttpClient POST api/catalog/items base=https+http://catalog-api via=- test=False
            src/WebApp/Services/IBasketApi.cs:8 Refit GET /api/basket/{buyerId} base=http://basket-api via=- test=False
            src/WebApp/Services/IBasketApi.cs:11 Refit POST /api/basket base=http://basket-api via=- test=False
            src/WebApp/Services/OrderService.cs:7 HttpClient GET api/orders base=- via=GetAsync test=False
            src/WebApp/Services/OrderService.cs:9 HttpClient GET api/orders/{orderId} base=- via=GetAsync test=False
            src/WebApp/Services/OrderingClient.cs:8 HttpClient PUT /api/orders/cancel base=config:OrderingUrl via=- test=False
            tests/WebApp.Tests/CatalogTests.cs:4 HttpClient GET /api/catalog/items base=- via=- test=True
            """.ReplaceLineEndings("\n"),
            string.Join("\n", surface.CallSites.Select(Describe)));
    }

    [Fact]
    public async Task What_a_consumer_sends_and_reads_is_recorded_and_its_types_resolve()
    {
        var surface = await Index();

        var get = surface.CallSites.Single(c => c.Line == 10 && c.File.EndsWith("CatalogService.cs", StringComparison.Ordinal));
        Assert.Equal("CatalogItem", get.Fact.ResponseSchema!.Ref);
        var post = surface.CallSites.Single(c => c.Fact.Method == "POST" && c.Fact.Client == "HttpClient");
        Assert.Equal("CatalogItem", post.Fact.RequestSchema!.Ref);
        Assert.Equal("CatalogItem", post.Fact.ResponseSchema!.Ref);
        var orders = surface.CallSites.Single(c => c.Fact.Url == "api/orders");
        Assert.Equal("Order", orders.Fact.ResponseSchema!.Items!.Ref);
        var schemas = surface.Schemas.Select(s => s.Name).ToList();
        Assert.Contains("CatalogItem", schemas);
        Assert.Contains("CustomerBasket", schemas);
        Assert.Contains("BasketItem", schemas);
        Assert.Equal(["id", "name", "price"], surface.Schemas.Single(s => s.Name == "CatalogItem").Schema.Properties!.Keys);
    }

    [Fact]
    public async Task Views_grpc_and_generated_code_yield_no_http_endpoints()
    {
        var surface = await Index();

        var endpoint = Assert.Single(surface.Endpoints);
        Assert.Equal("grpc", endpoint.Fact.Kind);
    }
}
