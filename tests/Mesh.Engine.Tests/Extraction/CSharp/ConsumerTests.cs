using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.CSharp.CSharpSource;

namespace Mesh.Engine.Tests.Extraction.CSharp;

public sealed class ConsumerTests
{
    private const string CatalogService = """
        using System.Net.Http.Json;

        namespace WebApp.Services;

        public static class CatalogRoutes
        {
            public const string Base = "/api/catalog";
            public static readonly string Items = Base + "/items";
        }

        public sealed class CatalogService(HttpClient httpClient)
        {
            private const string Version = "1.0";

            public Task<CatalogItem?> GetItem(int id) =>
                httpClient.GetFromJsonAsync<CatalogItem>($"{CatalogRoutes.Items}/{id}?api-version={Version}");

            public Task<HttpResponseMessage> GetBrands() => httpClient.GetAsync(CatalogRoutes.Base + "/catalogbrands");

            public Task<string> GetPage(int page) => httpClient.GetStringAsync(string.Format("/api/catalog/items?pageIndex={0}", page));

            public async Task<CatalogItem?> GetPicture(int id)
            {
                var response = await httpClient.GetAsync(PictureUrl(id));
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<CatalogItem>();
            }

            public Task<Stream> GetLogo() => httpClient.GetStreamAsync(PictureUrl(5));

            public async Task<int> Count(string brand)
            {
                var url = $"{CatalogRoutes.Items}/count";
                url += $"?brand={brand}";
                var count = await httpClient.GetFromJsonAsync<int>(url);
                return count;
            }

            public Task<HttpResponseMessage> Create(CreateItem item) => httpClient.PostAsJsonAsync(CatalogRoutes.Items, item);

            public Task<HttpResponseMessage> Rename(int id, string name) =>
                httpClient.PatchAsJsonAsync($"{CatalogRoutes.Items}/{id}", new RenameItem(name));

            public IAsyncEnumerable<CatalogItem?> Stream() => httpClient.GetFromJsonAsAsyncEnumerable<CatalogItem>("/api/catalog/items/stream");

            private static string PictureUrl(int itemId) => $"{CatalogRoutes.Items}/{itemId}/pic";
        }

        public sealed record CatalogItem(int Id, string Name, decimal Price);
        public sealed record CreateItem(string Name, decimal Price);
        public sealed record RenameItem(string Name);
        """;

    [Fact]
    public void Typed_client_calls_read_constants_interpolation_concatenation_and_format()
    {
        var facts = Extract(CatalogService);

        Assert.Equal(
            [
                ("GET", "/api/catalog/items/{id}?api-version=1.0", LineOf(CatalogService, "GetFromJsonAsync<CatalogItem>($")),
                ("GET", "/api/catalog/catalogbrands", LineOf(CatalogService, "/catalogbrands")),
                ("GET", "/api/catalog/items?pageIndex={page}", LineOf(CatalogService, "GetStringAsync")),
            ],
            facts.CallSites.Take(3).Select(c => (c.Method, c.Url, c.Line)));
        Assert.All(facts.CallSites, c => Assert.Equal(("HttpClient", "CatalogService", null, null), (c.Client, c.ClientScope, c.Unresolved, c.BaseHint)));
        Assert.Equal("CatalogItem", facts.CallSites[0].ResponseSchema?.Ref);
    }

    [Fact]
    public void A_helper_method_of_the_type_builds_the_url_with_its_parameters_as_holes()
    {
        var facts = Extract(CatalogService);

        var picture = Assert.Single(facts.CallSites, c => c.Line == LineOf(CatalogService, "GetAsync(PictureUrl(id))"));
        Assert.Equal(("GET", "/api/catalog/items/{id}/pic"), (picture.Method, picture.Url));
        Assert.Equal("CatalogItem", picture.ResponseSchema?.Ref);
        var logo = Assert.Single(facts.CallSites, c => c.Line == LineOf(CatalogService, "GetStreamAsync"));
        Assert.Equal("/api/catalog/items/{itemId}/pic", logo.Url);
        Assert.Null(logo.Unresolved);
    }

    [Fact]
    public void A_url_held_in_a_local_follows_its_assignments()
    {
        var facts = Extract(CatalogService);

        var count = Assert.Single(facts.CallSites, c => c.Line == LineOf(CatalogService, "GetFromJsonAsync<int>(url)"));
        Assert.Equal(("GET", "/api/catalog/items/count?brand={brand}"), (count.Method, count.Url));
        Assert.Equal(["integer"], count.ResponseSchema?.Types);
    }

    [Fact]
    public void Bodies_sent_and_items_streamed_become_schemas()
    {
        var facts = Extract(CatalogService);

        var create = Assert.Single(facts.CallSites, c => c.Method == "POST");
        Assert.Equal(("/api/catalog/items", LineOf(CatalogService, "PostAsJsonAsync"), "CreateItem"), (create.Url, create.Line, create.RequestSchema?.Ref));
        var rename = Assert.Single(facts.CallSites, c => c.Method == "PATCH");
        Assert.Equal(("/api/catalog/items/{id}", "RenameItem"), (rename.Url, rename.RequestSchema?.Ref));
        var stream = Assert.Single(facts.CallSites, c => c.Url == "/api/catalog/items/stream");
        Assert.Equal(("array", "CatalogItem"), (Assert.Single(stream.ResponseSchema!.Types!), stream.ResponseSchema.Items?.Ref));
    }

    private const string OrderingClient = """
        using System.Net.Http.Json;

        namespace WebApp.Services;

        public sealed class OrderingClient
        {
            private readonly IHttpClientFactory _factory;
            private readonly IOrderRepository _repository;
            private readonly IMediator _mediator;
            private readonly IDistributedCache _cache;

            public OrderingClient(IHttpClientFactory factory, IOrderRepository repository, IMediator mediator, IDistributedCache cache)
            {
                _factory = factory;
                _repository = repository;
                _mediator = mediator;
                _cache = cache;
            }

            public async Task<Order?> Cancel(int orderId, CancelOrder command)
            {
                var existing = await _repository.GetAsync(orderId);
                await _mediator.SendAsync(command);
                var cached = await _cache.GetStringAsync("orders/" + orderId);
                var client = _factory.CreateClient("ordering");
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/orders/{orderId}/cancel");
                request.Content = JsonContent.Create(command);
                using var response = await client.SendAsync(request);
                return await response.Content.ReadFromJsonAsync<Order>();
            }

            public async Task Ship(int orderId)
            {
                var client = _factory.CreateClient("ordering");
                await client.SendAsync(new(HttpMethod.Parse("PATCH"), $"/api/orders/{orderId}/ship"));
            }

            public async Task Archive(int orderId)
            {
                var message = new HttpRequestMessage { Method = new HttpMethod("DELETE"), RequestUri = new Uri($"/api/orders/{orderId}", UriKind.Relative) };
                await _factory.CreateClient("ordering").SendAsync(message);
            }

            public async Task<string> Follow(Order order)
            {
                var client = _factory.CreateClient("ordering");
                return await client.GetStringAsync(order.Links.Next);
            }
        }
        """;

    [Fact]
    public void SendAsync_reads_the_method_and_url_of_the_request_message()
    {
        var facts = Extract(OrderingClient);

        Assert.Equal(
            [
                ("PUT", "/api/orders/{orderId}/cancel", LineOf(OrderingClient, "client.SendAsync(request)")),
                ("PATCH", "/api/orders/{orderId}/ship", LineOf(OrderingClient, "HttpMethod.Parse")),
                ("DELETE", "/api/orders/{orderId}", LineOf(OrderingClient, "SendAsync(message)")),
            ],
            facts.CallSites.Where(c => c.Unresolved is null).Select(c => (c.Method, c.Url, c.Line)));
        var cancel = facts.CallSites[0];
        Assert.Equal(("CancelOrder", "Order"), (cancel.RequestSchema?.Ref, cancel.ResponseSchema?.Ref));
    }

    [Fact]
    public void A_named_client_from_the_factory_scopes_its_calls()
    {
        var facts = Extract(OrderingClient);

        Assert.Equal(4, facts.CallSites.Count);
        Assert.All(facts.CallSites, c => Assert.Equal(("HttpClient", "ordering"), (c.Client, c.ClientScope)));
    }

    [Fact]
    public void GetAsync_and_SendAsync_on_repositories_mediators_and_caches_are_not_http_calls()
    {
        var facts = Extract(OrderingClient);

        Assert.DoesNotContain(facts.CallSites, c => c.Line == LineOf(OrderingClient, "_repository.GetAsync"));
        Assert.DoesNotContain(facts.CallSites, c => c.Line == LineOf(OrderingClient, "_mediator.SendAsync"));
        Assert.DoesNotContain(facts.CallSites, c => c.Line == LineOf(OrderingClient, "_cache.GetStringAsync"));
    }

    [Fact]
    public void A_dynamic_url_is_kept_and_marked_unresolved()
    {
        var facts = Extract(OrderingClient);

        var follow = Assert.Single(facts.CallSites, c => c.Unresolved is not null);
        Assert.Equal(("GET", "{Next}", LineOf(OrderingClient, "order.Links.Next")), (follow.Method, follow.Url, follow.Line));
        Assert.Contains("order.Links.Next", follow.Unresolved);
    }

    private const string LegacyClients = """
        namespace WebApp.Services;

        public class BasketService : IBasketService
        {
            private readonly HttpClient _http;

            public BasketService(HttpClient http)
            {
                _http = http;
            }

            public Task<HttpResponseMessage> Delete(string buyerId) => _http.DeleteAsync($"/api/basket/{buyerId}");
        }

        public static class HealthChecks
        {
            public static Task<HttpResponseMessage> Ping(this HttpClient client) => client.GetAsync("/health");

            public static async Task<string> Status()
            {
                using var http = new HttpClient { BaseAddress = new Uri("http://localhost:5105/") };
                return await http.GetStringAsync("status");
            }
        }
        """;

    [Fact]
    public void A_class_that_receives_its_HttpClient_is_the_scope_of_its_calls()
    {
        var facts = Extract(LegacyClients);

        Assert.Equal(
            [
                ("DELETE", "/api/basket/{buyerId}", "BasketService", null),
                ("GET", "/health", null, null),
                ("GET", "status", null, "http://localhost:5105/"),
            ],
            facts.CallSites.Select(c => (c.Method, c.Url, c.ClientScope, c.BaseHint)));
        Assert.Equal(LineOf(LegacyClients, "_http.DeleteAsync"), facts.CallSites[0].Line);
        Assert.Empty(facts.Wrappers);
    }

    private const string Program = """
        using Refit;

        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddHttpClient<CatalogService>(c => c.BaseAddress = new Uri("https+http://catalog-api"));
        builder.Services.AddHttpClient<IBasketService, BasketService>(client =>
        {
            client.BaseAddress = new(builder.Configuration["BasketUrl"]!);
        });
        builder.Services.AddHttpClient("ordering")
            .ConfigureHttpClient(c => c.BaseAddress = new Uri(builder.Configuration.GetValue<string>("Services:Ordering")!))
            .AddStandardResilienceHandler();
        var identityUrl = Environment.GetEnvironmentVariable("IDENTITY_URL") ?? "http://localhost:5105";
        builder.Services.AddHttpClient(Clients.Identity, c => c.BaseAddress = new Uri(identityUrl));
        builder.Services.AddHttpClient<WebhooksClient>((sp, c) => c.BaseAddress = new Uri("http://localhost:5000/"));
        builder.Services.AddRefitClient<IUsersApi>()
            .ConfigureHttpClient(c => c.BaseAddress = new Uri(builder.Configuration.GetSection("Users")["BaseUrl"]!));
        builder.Services.AddHttpClient<NoAddressClient>();

        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.Run();

        static class Clients
        {
            public const string Identity = "identity";
        }
        """;

    [Fact]
    public void Client_registrations_bind_scopes_to_literal_config_and_env_base_addresses()
    {
        var facts = Extract(Program, "src/WebApp/Program.cs");

        Assert.Equal(
            [
                new ClientBindingFact("CatalogService", "https+http://catalog-api", LineOf(Program, "AddHttpClient<CatalogService>")),
                new ClientBindingFact("BasketService", "config:BasketUrl", LineOf(Program, "AddHttpClient<IBasketService, BasketService>")),
                new ClientBindingFact("ordering", "config:Services:Ordering", LineOf(Program, "AddHttpClient(\"ordering\")")),
                new ClientBindingFact("identity", "env:IDENTITY_URL", LineOf(Program, "AddHttpClient(Clients.Identity")),
                new ClientBindingFact("WebhooksClient", "http://localhost:5000/", LineOf(Program, "AddHttpClient<WebhooksClient>")),
                new ClientBindingFact("IUsersApi", "config:Users:BaseUrl", LineOf(Program, "AddRefitClient<IUsersApi>")),
            ],
            facts.ClientBindings);
        Assert.Empty(facts.CallSites);
        Assert.Empty(facts.CallCandidates);
    }

    private const string AppHost = """
        var builder = DistributedApplication.CreateBuilder(args);

        var redis = builder.AddRedis("redis");
        var catalogApi = builder.AddProject<Projects.Catalog_Api>("catalog-api")
            .WithReference(redis);

        builder.AddProject<Projects.WebApp>("webapp")
            .WithExternalHttpEndpoints()
            .WithReference(catalogApi);

        builder.Build().Run();
        """;

    [Fact]
    public void An_aspire_app_host_declares_each_project_under_its_service_name()
    {
        var facts = Extract(AppHost, "src/AppHost/Program.cs");

        Assert.Equal(
            [
                new ServiceDeclarationFact("catalog-api", "Catalog.Api", LineOf(AppHost, "Catalog_Api")),
                new ServiceDeclarationFact("webapp", "WebApp", LineOf(AppHost, "Projects.WebApp")),
            ],
            facts.Services);
    }

    private const string UsersApi = """
        using Refit;

        namespace WebApp.Clients;

        [Headers("Accept: application/json")]
        public interface IUsersApi
        {
            [Get("/users/{id}")]
            Task<User> GetUser(int id);

            [Get("/users")]
            Task<ApiResponse<List<User>>> ListUsers([Query] UserFilter filter);

            [Refit.Post("/users")]
            Task<User> CreateUser([Body] CreateUser user);

            [Delete("/users/{id}")]
            Task DeleteUser(int id);

            [Patch(Routes.UserName)]
            IObservable<User> Rename(int id, [Body(BodySerializationMethod.Serialized)] RenameUser rename);
        }

        internal static class Routes
        {
            public const string UserName = "/users/{id}/name";
        }
        """;

    [Fact]
    public void Refit_interface_methods_are_call_sites_at_their_declaration()
    {
        var facts = Extract(UsersApi);

        Assert.Equal(
            [
                ("GET", "/users/{id}", LineOf(UsersApi, "GetUser(int id)"), null, "User"),
                ("GET", "/users", LineOf(UsersApi, "ListUsers("), null, null),
                ("POST", "/users", LineOf(UsersApi, "CreateUser([Body]"), "CreateUser", "User"),
                ("DELETE", "/users/{id}", LineOf(UsersApi, "DeleteUser(int id)"), null, null),
                ("PATCH", "/users/{id}/name", LineOf(UsersApi, "Rename("), "RenameUser", "User"),
            ],
            facts.CallSites.Select(c => (c.Method, c.Url, c.Line, c.RequestSchema?.Ref, c.ResponseSchema?.Ref)));
        Assert.All(facts.CallSites, c => Assert.Equal(("Refit", "IUsersApi", null), (c.Client, c.ClientScope, c.Unresolved)));
        var list = facts.CallSites[1].ResponseSchema!;
        Assert.Equal(("array", "User"), (Assert.Single(list.Types!), list.Items?.Ref));
    }

    private const string RequestProvider = """
        using System.Net.Http.Json;

        namespace WebApp.Services;

        public class RequestProvider(HttpClient httpClient)
        {
            private const string BasePath = "/api/v1";

            public async Task<TResult?> GetAsync<TResult>(string uri)
            {
                var response = await httpClient.GetAsync($"{BasePath}{uri}");
                return await response.Content.ReadFromJsonAsync<TResult>();
            }

            public async Task<TResult?> PostAsync<TResult, TBody>(string uri, TBody body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, BasePath + uri);
                request.Content = JsonContent.Create(body);
                var response = await httpClient.SendAsync(request);
                return await response.Content.ReadFromJsonAsync<TResult>();
            }

            public Task<HttpResponseMessage> Send(HttpMethod method, string url) => httpClient.SendAsync(new HttpRequestMessage(method, url));

            public Task<Order?> GetOrder(string orderId) => httpClient.GetFromJsonAsync<Order>($"/api/orders/{orderId}");
        }
        """;

    [Fact]
    public void Methods_forwarding_a_parameter_as_the_url_are_wrappers_not_call_sites()
    {
        var facts = Extract(RequestProvider);

        Assert.Equal(
            [
                new WrapperFact("GetAsync", 1, 0, null, "GET", "HttpClient", LineOf(RequestProvider, "GetAsync<TResult>(string uri)"), "/api/v1", "RequestProvider"),
                new WrapperFact("PostAsync", 2, 0, null, "POST", "HttpClient", LineOf(RequestProvider, "PostAsync<TResult, TBody>"), "/api/v1", "RequestProvider"),
                new WrapperFact("Send", 2, 1, 0, null, "HttpClient", LineOf(RequestProvider, "Send(HttpMethod method"), null, "RequestProvider"),
            ],
            facts.Wrappers);
        var order = Assert.Single(facts.CallSites);
        Assert.Equal(("GET", "/api/orders/{orderId}", "Order"), (order.Method, order.Url, order.ResponseSchema?.Ref));
        Assert.Empty(facts.CallCandidates);
    }

    private const string BasketViewModel = """
        namespace WebApp.ViewModels;

        public sealed class BasketViewModel(RequestProvider requestProvider, IOrderRepository orders)
        {
            private const string BasketPath = "/basket";

            public Task<Basket?> Load(string buyerId) => requestProvider.GetAsync<Basket>($"{BasketPath}/{buyerId}");

            public Task<CheckoutResult?> Checkout(Checkout checkout) =>
                requestProvider.PostAsync<CheckoutResult, Checkout>("/basket/checkout", checkout);

            public Task<Order?> Find(int id) => orders.GetAsync(id);

            public void Log(ILogger logger) => logger.LogInformation("Loaded /basket for {Buyer}", "me");
        }
        """;

    [Fact]
    public void Calls_with_url_like_arguments_are_candidates_for_the_resolver()
    {
        var facts = Extract(BasketViewModel);

        Assert.Empty(facts.CallSites);
        Assert.Equal(
            [
                ("GetAsync", "/basket/{buyerId}", LineOf(BasketViewModel, "requestProvider.GetAsync"), "Basket"),
                ("PostAsync", "/basket/checkout | (unknown)", LineOf(BasketViewModel, "requestProvider.PostAsync"), "CheckoutResult"),
            ],
            facts.CallCandidates.Select(c => (c.Function, string.Join(" | ", c.Arguments.Select(a => a ?? "(unknown)")), c.Line, c.ResponseSchema?.Ref)));
    }

    private const string UriClient = """
        namespace WebApp.Services;

        public sealed class WebhooksClient(HttpClient http)
        {
            public async Task<string> Status()
            {
                var statusUri = new Uri("/api/webhooks/status", UriKind.Relative);
                return await http.GetStringAsync(statusUri);
            }

            public Task<HttpResponseMessage> Remove(int id) => http.DeleteAsync(new Uri(http.BaseAddress!, $"api/webhooks/{id}"));
        }
        """;

    [Fact]
    public void Uri_variables_and_a_relative_uri_on_an_unknown_base_keep_their_path()
    {
        var facts = Extract(UriClient);

        Assert.Equal(
            [
                ("GET", "/api/webhooks/status", LineOf(UriClient, "GetStringAsync(statusUri)"), null),
                ("DELETE", "api/webhooks/{id}", LineOf(UriClient, "DeleteAsync"), null),
            ],
            facts.CallSites.Select(c => (c.Method, c.Url, c.Line, c.Unresolved)));
        Assert.All(facts.CallSites, c => Assert.Equal("WebhooksClient", c.ClientScope));
    }
    private const string PagedClient = """
        namespace WebApp.Services;

        public sealed class CatalogClient(HttpClient http)
        {
            private readonly string baseUrl = "api/catalog/";

            public Task<Page?> List(int page, int? brand)
            {
                var uri = ItemsUri(baseUrl, page, brand);
                return http.GetFromJsonAsync<Page>(uri);
            }

            private static string ItemsUri(string root, int page, int? brand)
            {
                var filter = string.Empty;
                if (brand.HasValue)
                {
                    filter += $"brand={brand.Value}&";
                }
                return $"{root}items?{filter}page={page}";
            }
        }
        """;

    [Fact]
    public void A_url_helper_with_statements_before_its_return_is_inlined()
    {
        var facts = Extract(PagedClient);

        var call = Assert.Single(facts.CallSites);
        Assert.Equal(("GET", "api/catalog/items?brand={Value}&page={page}", null), (call.Method, call.Url, call.Unresolved));
    }
    private const string UriJoin = """
        namespace Mobile.Helpers;

        public static class UriJoin
        {
            private static readonly char[] Slashes = { '\\', '/' };

            public static string Combine(params string[] parts)
            {
                var uri = string.Empty;
                if (parts != null && parts.Length > 0)
                {
                    uri = (parts[0] ?? string.Empty).TrimEnd(Slashes);
                    for (var i = 1; i < parts.Length; i++)
                    {
                        uri = $"{uri.TrimEnd(Slashes)}/{(parts[i] ?? string.Empty).TrimStart(Slashes)}";
                    }
                }
                return uri;
            }

            public static string Versioned(string root, string path) => $"{root.TrimEnd('/')}/{path}?api-version=2.0";
        }
        """;

    private const string HttpGateway = """
        namespace Mobile.Services;

        public interface IHttpGateway
        {
            Task<TResult> GetAsync<TResult>(string uri, string token = "");
            Task<bool> PostAsync<TRequest>(string uri, TRequest data, string token = "");
        }

        public class HttpGateway(HttpMessageHandler handler) : IHttpGateway
        {
            private readonly HttpClient _client = new(handler);

            public async Task<TResult> GetAsync<TResult>(string uri, string token = "")
            {
                using var response = await _client.GetAsync(uri);
                return await response.Content.ReadFromJsonAsync<TResult>();
            }

            public async Task<bool> PostAsync<TRequest>(string uri, TRequest data, string token = "")
            {
                using var response = await _client.PostAsync(uri, JsonContent.Create(data));
                return response.IsSuccessStatusCode;
            }
        }
        """;

    private const string ShopService = """
        namespace Mobile.Services;

        public class ShopService
        {
            private const string ApiUrlBase = "api/shop";
            private readonly IHttpGateway _gateway;
            private readonly ISettings _settings;

            public ShopService(IHttpGateway gateway, ISettings settings)
            {
                _gateway = gateway;
                _settings = settings;
            }

            public Task<Item[]> Items() =>
                _gateway.GetAsync<Item[]>(UriJoin.Combine(_settings.GatewayBase, $"{ApiUrlBase}/items?page=1"));

            public async Task<bool> Order(Order order)
            {
                var uri = $"{UriJoin.Combine(_settings.GatewayBase, ApiUrlBase, "orders")}?api-version=1.0";
                return await _gateway.PostAsync(uri, order, "token");
            }

            public Task<Item> One(int id) => _gateway.GetAsync<Item>(UriJoin.Versioned(_settings.GatewayBase, $"{ApiUrlBase}/items/{id}"));

            public string Label(string name) => Labels.Format(name, "a/b");
        }
        """;

    [Fact]
    public void A_method_building_a_url_from_its_parameters_is_a_url_helper()
    {
        var facts = Extract(UriJoin);

        Assert.Equal(
            [
                ("Combine", "parts", true, "{parts}/{parts}"),
                ("Versioned", "root,path", false, "{root}/{path}?api-version=2.0"),
            ],
            facts.UrlHelpers.Select(h => (h.Function, string.Join(",", h.Parameters), h.Variadic, h.Template)));
    }

    [Fact]
    public async Task Urls_built_by_helpers_of_other_files_reach_the_calls_of_an_injected_wrapper()
    {
        var surface = await CSharpRepo.Index(
            ("src/Mobile/Helpers/UriJoin.cs", UriJoin),
            ("src/Mobile/Services/HttpGateway.cs", HttpGateway),
            ("src/Mobile/Services/ShopService.cs", ShopService));

        Assert.Equal(
            [
                ("GET", "{GatewayBase}/api/shop/items?page=1", CSharpRepo.LineOf(ShopService, "_gateway.GetAsync<Item[]>")),
                ("POST", "{GatewayBase}/api/shop/orders?api-version=1.0", CSharpRepo.LineOf(ShopService, "_gateway.PostAsync")),
                ("GET", "{GatewayBase}/api/shop/items/{id}?api-version=2.0", CSharpRepo.LineOf(ShopService, "_gateway.GetAsync<Item>")),
            ],
            surface.CallSites.Where(c => c.File == "src/Mobile/Services/ShopService.cs").Select(c => (c.Fact.Method, c.Fact.Url, c.Line)));
        Assert.All(surface.CallSites, c => Assert.Null(c.Fact.Helpers));
    }
}
