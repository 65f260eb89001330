using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.CSharp;

public sealed class MinimalApiTests
{
    private const string Program =
        """
        using Catalog.Api.Apis;

        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var app = builder.Build();

        app.MapGet("/health", () => TypedResults.Ok());
        app.MapGroup("/api/catalog").WithTags("Catalog").MapCatalogApi();
        var orders = app.MapGroup("api/orders").RequireAuthorization();
        orders.MapOrdersApi();

        app.Run();
        """;

    private const string CatalogApi =
        """
        using Microsoft.AspNetCore.Http.HttpResults;

        namespace Catalog.Api.Apis;

        public static class CatalogApi
        {
            public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
            {
                app.MapGet("/items", GetAllItems);
                app.MapGet("/items/{id:int}", GetItemById).WithName("GetItem").WithSummary("Get one catalog item");
                app.MapPost("/items", CreateItem);
                app.MapDelete("/items/{id:int}", DeleteItemById);
                var brands = app.MapGroup("brands");
                brands.MapGet("/", (CatalogContext context) => TypedResults.Ok(context.Brands));
                return app;
            }

            public static async Task<Ok<PaginatedItems<CatalogItem>>> GetAllItems(
                [AsParameters] PaginationRequest paginationRequest, [AsParameters] CatalogServices services, string? name, int? brandId)
            {
                return TypedResults.Ok(await services.Query(paginationRequest));
            }

            public static async Task<Results<Ok<CatalogItem>, NotFound, BadRequest<ProblemDetails>>> GetItemById(
                [AsParameters] CatalogServices services, int id)
            {
                return TypedResults.NotFound();
            }

            public static async Task<Created> CreateItem([AsParameters] CatalogServices services, CatalogItem product)
            {
                return TypedResults.Created($"/api/catalog/items/{product.Id}");
            }

            public static async Task<Results<NoContent, NotFound>> DeleteItemById([AsParameters] CatalogServices services, int id)
            {
                return TypedResults.NoContent();
            }
        }
        """;

    private const string OrdersApi =
        """
        namespace Ordering.Api;

        public static class OrdersApi
        {
            public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
            {
                api.MapPut("/cancel", CancelOrderAsync);
                api.MapGet("{orderId:int}", GetOrderAsync);
                api.MapMethods("/{orderId:int}/ship", ["POST", "PUT"], ShipAsync);
                return api;
            }

            public static Task<Results<Ok, BadRequest<string>>> CancelOrderAsync([FromHeader(Name = "x-requestid")] Guid requestId, CancelOrderCommand command) => null!;
            public static Task<Results<Ok<Order>, NotFound>> GetOrderAsync(int orderId) => null!;
            public static Task<IResult> ShipAsync(int orderId) => null!;
        }
        """;

    private const string Models =
        """
        using System.Text.Json.Serialization;

        namespace Catalog.Api.Model;

        public class CatalogItem
        {
            public int Id { get; set; }
            public required string Name { get; set; }
            public string? Description { get; set; }
            [Range(0, 10000)]
            public decimal Price { get; set; }
            [JsonPropertyName("pictureFile")]
            public string? PictureFileName { get; set; }
            [JsonIgnore]
            public string? InternalNotes { get; set; }
            public CatalogBrand? CatalogBrand { get; set; }
            public static int Unused { get; set; }
        }

        public record CatalogBrand(int Id, string Brand);

        public class PaginatedItems<TEntity>(int pageIndex, int pageSize, long count, IEnumerable<TEntity> data) where TEntity : class
        {
            public int PageIndex { get; } = pageIndex;
            public int PageSize { get; } = pageSize;
            public long Count { get; } = count;
            public IEnumerable<TEntity> Data { get; } = data;
        }

        public record CancelOrderCommand(int OrderNumber, string? Reason = null);

        public record PaginationRequest(int PageSize = 10, int PageIndex = 0);

        public class CatalogServices(CatalogContext context, ILogger<CatalogServices> logger)
        {
            public CatalogContext Context { get; } = context;
        }
        """;

    private static Task<RepoSurface> Index() => CSharpRepo.Index(
        ("src/Catalog.Api/Program.cs", Program),
        ("src/Catalog.Api/Apis/CatalogApi.cs", CatalogApi),
        ("src/Catalog.Api/Apis/OrdersApi.cs", OrdersApi),
        ("src/Catalog.Api/Model/CatalogItem.cs", Models));

    [Fact]
    public async Task Routes_mapped_in_extension_methods_compose_with_group_prefixes_from_program_cs()
    {
        var surface = await Index();

        Assert.Equal(
            """
            GET /api/catalog/brands src/Catalog.Api/Apis/CatalogApi.cs:14
            GET /api/catalog/items src/Catalog.Api/Apis/CatalogApi.cs:9
            POST /api/catalog/items src/Catalog.Api/Apis/CatalogApi.cs:11
            DELETE /api/catalog/items/{id:int} src/Catalog.Api/Apis/CatalogApi.cs:12
            GET /api/catalog/items/{id:int} src/Catalog.Api/Apis/CatalogApi.cs:10
            PUT /api/orders/cancel src/Catalog.Api/Apis/OrdersApi.cs:7
            GET /api/orders/{orderId:int} src/Catalog.Api/Apis/OrdersApi.cs:8
            POST /api/orders/{orderId:int}/ship src/Catalog.Api/Apis/OrdersApi.cs:9
            PUT /api/orders/{orderId:int}/ship src/Catalog.Api/Apis/OrdersApi.cs:9
            GET /health src/Catalog.Api/Program.cs:7
            """.ReplaceLineEndings("\n"),
            CSharpRepo.Routes(surface));
        Assert.All(surface.Endpoints, e => Assert.Equal("aspnetcore", e.Fact.Framework));
        Assert.Equal("/api/catalog/items/{}", CSharpRepo.Single(surface, "GET", "/api/catalog/items/{id:int}").PathKey);
    }

    [Fact]
    public async Task Handler_signatures_give_parameters_bodies_and_typed_responses()
    {
        var surface = await Index();

        var getItem = CSharpRepo.Single(surface, "GET", "/api/catalog/items/{id:int}").Fact;
        Assert.Equal("GetItem", getItem.OperationId);
        Assert.Equal("Get one catalog item", getItem.Summary);
        Assert.Equal("GetItemById", getItem.Handler);
        var id = Assert.Single(getItem.Parameters);
        Assert.Equal(("id", "path", true, "integer"), (id.Name, id.In, id.Required, id.Schema!.Types![0]));
        Assert.Equal(["200", "400", "404"], getItem.Responses.Select(r => r.Status));
        Assert.Equal("CatalogItem", getItem.Responses[0].Schema!.Ref);

        var list = CSharpRepo.Single(surface, "GET", "/api/catalog/items").Fact;
        Assert.Equal(["pageIndex", "pageSize", "name", "brandId"], list.Parameters.Select(p => p.Name));
        Assert.Equal("10", list.Parameters[1].Schema!.Default);
        Assert.DoesNotContain(list.Parameters, p => p.In == ApiParameter.Bag);
        Assert.All(list.Parameters, p => Assert.Equal("query", p.In));
        Assert.Equal("PaginatedItems<CatalogItem>", Assert.Single(list.Responses).Schema!.Ref);

        var create = CSharpRepo.Single(surface, "POST", "/api/catalog/items").Fact;
        Assert.Equal("CatalogItem", create.RequestBody!.Schema!.Ref);
        Assert.Equal("201", Assert.Single(create.Responses).Status);

        var cancel = CSharpRepo.Single(surface, "PUT", "/api/orders/cancel").Fact;
        Assert.Equal(("x-requestid", "header"), (cancel.Parameters[0].Name, cancel.Parameters[0].In));
        Assert.Equal("CancelOrderCommand", cancel.RequestBody!.Schema!.Ref);
    }

    [Fact]
    public async Task Dtos_become_schemas_named_as_serialized_and_generic_ones_are_instantiated()
    {
        var surface = await Index();

        var schemas = surface.Schemas.ToDictionary(s => s.Name, s => s.Schema);
        Assert.DoesNotContain("CatalogServices", schemas.Keys);
        var item = schemas["CatalogItem"];
        Assert.Equal(["catalogBrand", "description", "id", "name", "pictureFile", "price"], item.Properties!.Keys);
        Assert.Equal(["id", "name", "price"], item.Required);
        Assert.True(item.Properties["description"].Nullable);
        Assert.Equal(10000m, item.Properties["price"].Maximum);
        Assert.Equal("CatalogBrand", item.Properties["catalogBrand"].Ref);
        Assert.Equal(["brand", "id"], schemas["CatalogBrand"].Required);
        var page = schemas["PaginatedItems<CatalogItem>"];
        Assert.Equal("CatalogItem", page.Properties!["data"].Items!.Ref);
        Assert.Equal("int64", page.Properties["count"].Format);
        Assert.Equal(["orderNumber"], schemas["CancelOrderCommand"].Required);
        Assert.All(surface.Schemas, s => Assert.Equal(EndpointSources.Code, s.Source));
    }

    [Fact]
    public async Task Versioned_apis_record_their_versions()
    {
        var surface = await CSharpRepo.Index(("Program.cs",
            """
            var app = WebApplication.CreateBuilder(args).Build();
            var orders = app.NewVersionedApi("Orders");
            var v1 = orders.MapGroup("api/orders").HasApiVersion(1.0);
            var v2 = orders.MapGroup("api/orders").HasApiVersion(2, 0);
            v1.MapGet("/", () => TypedResults.Ok());
            v2.MapGet("/", () => TypedResults.Ok()).MapToApiVersion(2.0);
            v2.MapPost("/", (CreateOrder order) => TypedResults.Created());
            app.Run();
            """));

        var gets = surface.Endpoints.Where(e => e.Method == "GET").OrderBy(e => e.Line).ToList();
        Assert.Equal(["1.0"], gets[0].Fact.Versions);
        Assert.Equal(["2.0"], gets[1].Fact.Versions);
        Assert.Equal("svc:GET:/api/orders", gets[0].Id);
        Assert.Equal("svc:GET:/api/orders#2", gets[1].Id);
        Assert.Equal(["2.0"], CSharpRepo.Single(surface, "POST", "/api/orders").Fact.Versions);
    }

    [Fact]
    public async Task Route_constants_and_grpc_services_are_read_and_generated_code_is_skipped()
    {
        var surface = await CSharpRepo.Index(
            ("Program.cs",
                """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet(Routes.Orders + "/{id}", (int id) => TypedResults.Ok());
                app.MapGet($"{Routes.Base}/status", () => "ok");
                app.MapGrpcService<GreeterService>();
                app.Run();

                static class Routes
                {
                    public const string Base = "/api/v1";
                    public static readonly string Orders = Base + "/orders";
                }
                """),
            ("obj/Debug/Generated.cs", "app.MapGet(\"/from-obj\", () => 1);"),
            ("Client.g.cs", "app.MapGet(\"/from-generated\", () => 1);"),
            ("Gen/Other.cs", "// <auto-generated/>\napp.MapGet(\"/auto\", () => 1);"));

        Assert.Equal(["/GreeterService/{method}", "/api/v1/orders/{id}", "/api/v1/status"], surface.Endpoints.Select(e => e.Path).Order(StringComparer.Ordinal));
        var grpc = Assert.Single(surface.Endpoints, e => e.Fact.Kind == "grpc");
        Assert.Equal("grpc", grpc.Fact.Framework);
    }

    [Fact]
    public async Task A_route_extension_never_called_keeps_its_routes_with_lower_confidence()
    {
        var surface = await CSharpRepo.Index(("Apis/Orphan.cs",
            """
            public static class OrphanApi
            {
                public static void MapOrphanApi(this IEndpointRouteBuilder routes) => routes.MapGet("/orphan", () => "x");
            }
            """));

        var orphan = Assert.Single(surface.Endpoints).Fact;
        Assert.Equal("/orphan", orphan.Path);
        Assert.Equal(0.7, orphan.Confidence);
        Assert.Contains("MapOrphanApi is never called", orphan.Note);
    }

    [Fact]
    public async Task A_dynamic_route_is_kept_with_its_holes_and_marked()
    {
        var surface = await CSharpRepo.Index(("Program.cs",
            """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet(app.Configuration["HealthPath"]!, () => "ok");
            """));

        var endpoint = Assert.Single(surface.Endpoints).Fact;
        Assert.Equal(0.5, endpoint.Confidence);
        Assert.Contains("route partly unknown", endpoint.Note);
    }
    [Fact]
    public async Task MapMethods_reads_methods_from_HttpMethods_fields_in_any_list_form()
    {
        var surface = await CSharpRepo.Index(("Program.cs",
            """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapMethods("/check", [HttpMethods.Options], () => "ok");
            app.MapMethods("/probe", new[] { HttpMethods.Head, "GET" }, () => "ok");
            app.MapMethods("/sync", new List<string> { Microsoft.AspNetCore.Http.HttpMethods.Put, HttpMethod.Patch.Method }, () => "ok");
            """));

        Assert.Equal(
            """
            OPTIONS /check Program.cs:2
            GET /probe Program.cs:3
            HEAD /probe Program.cs:3
            PATCH /sync Program.cs:4
            PUT /sync Program.cs:4
            """.ReplaceLineEndings("\n"),
            CSharpRepo.Routes(surface));
    }
    [Fact]
    public async Task A_yarp_forwarder_is_a_route_of_every_method_and_a_call_to_its_destination()
    {
        var surface = await CSharpRepo.Index(("Program.cs",
            """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapForwarder("/images/{id}", "https+http://media-api", "/api/media/{id}/content");
            app.MapGroup("/legacy").MapForwarder("/{**rest}", "http://legacy-api");
            """));

        Assert.Equal("* /images/{id} Program.cs:2\n* /legacy/{**rest} Program.cs:3", CSharpRepo.Routes(surface));
        Assert.All(surface.Endpoints, e => Assert.Equal("proxy", e.Fact.Kind));
        Assert.Equal(
            [
                (null, "/api/media/{id}/content", "https+http://media-api", 2),
                (null, "/legacy/{**rest}", "http://legacy-api", 3),
            ],
            surface.CallSites.Select(c => (c.Fact.Method, c.Fact.Url, c.Fact.BaseHint, c.Line)));
    }
}
