namespace Mesh.Engine.Tests.Extraction.CSharp;

public sealed class ControllerTests
{
    private const string OrdersController =
        """
        using Microsoft.AspNetCore.Mvc;

        namespace Ordering.Api.Controllers;

        [ApiController]
        [Route("api/[controller]")]
        public class OrdersController(IOrderService orders) : ControllerBase
        {
            [HttpGet]
            public ActionResult<IEnumerable<OrderDto>> GetAll([FromQuery] int page = 1) => Ok();

            [HttpGet("{id:guid}", Name = "GetOrderById")]
            [ProducesResponseType(typeof(OrderDto), StatusCodes.Status200OK)]
            [ProducesResponseType(StatusCodes.Status404NotFound)]
            public async Task<IActionResult> GetByIdAsync(Guid id) => Ok();

            [HttpPost]
            public async Task<ActionResult<OrderDto>> CreateAsync([FromBody] CreateOrderRequest request) => Ok();

            [HttpPut("{id}/status")]
            public IActionResult UpdateStatus(Guid id, [FromQuery] bool notify, UpdateStatusRequest body) => NoContent();

            [HttpGet("~/api/health/orders")]
            public IActionResult Health() => Ok();

            [HttpDelete("{id}")]
            [Obsolete("use POST /api/orders/{id}/cancel")]
            public IActionResult Delete(Guid id) => NoContent();

            [Route("{id}/[action]")]
            [HttpPost]
            public IActionResult Cancel(Guid id) => Ok();

            [NonAction]
            public void Helper() { }

            private void NotAnAction() { }
        }

        public record CreateOrderRequest(string CustomerId, [property: JsonPropertyName("lines")] List<OrderLine> Items, string? Note = null);
        public record OrderLine(string Sku, int Quantity);
        public record OrderDto(Guid Id, string Status);
        public record UpdateStatusRequest(string Status);
        """;

    private const string BaseController =
        """
        namespace Billing.Api;

        [ApiController]
        [Route("api/v{version:apiVersion}/[controller]")]
        [ApiVersion("1.0")]
        public abstract class ApiControllerBase : ControllerBase
        {
        }
        """;

    private const string InvoicesController =
        """
        namespace Billing.Api;

        public class InvoicesController : ApiControllerBase
        {
            [HttpGet("{id}")]
            public ActionResult<InvoiceDto> Get(string id) => Ok();

            [HttpGet("{id}/pdf")]
            [MapToApiVersion("2.0")]
            public IActionResult Pdf(string id) => File(new byte[0], "application/pdf");
        }

        public class InvoiceDto { public string Id { get; set; } = ""; public decimal Total { get; set; } }
        """;

    private const string MvcControllers =
        """
        namespace Web.Controllers;

        public class HomeController : Controller
        {
            public IActionResult Index() => View();
            public async Task<IActionResult> Privacy() { await Task.Yield(); return View("Privacy"); }
        }

        public class LegacyController : Controller
        {
            public IActionResult Ping() => Ok("pong");
            public IActionResult DeleteCache() => Ok();
        }
        """;

    [Fact]
    public async Task Attribute_routes_compose_class_and_action_templates_with_tokens_and_overrides()
    {
        var surface = await CSharpRepo.Index(("src/Ordering.Api/Controllers/OrdersController.cs", OrdersController));

        Assert.Equal(
            """
            GET /api/Orders src/Ordering.Api/Controllers/OrdersController.cs:10
            POST /api/Orders src/Ordering.Api/Controllers/OrdersController.cs:18
            DELETE /api/Orders/{id} src/Ordering.Api/Controllers/OrdersController.cs:28
            GET /api/Orders/{id:guid} src/Ordering.Api/Controllers/OrdersController.cs:15
            POST /api/Orders/{id}/Cancel src/Ordering.Api/Controllers/OrdersController.cs:32
            PUT /api/Orders/{id}/status src/Ordering.Api/Controllers/OrdersController.cs:21
            GET /api/health/orders src/Ordering.Api/Controllers/OrdersController.cs:24
            """.ReplaceLineEndings("\n"),
            CSharpRepo.Routes(surface));
    }

    [Fact]
    public async Task Actions_bind_parameters_and_responses_the_way_api_controllers_do()
    {
        var surface = await CSharpRepo.Index(("src/Ordering.Api/Controllers/OrdersController.cs", OrdersController));

        var getById = CSharpRepo.Single(surface, "GET", "/api/Orders/{id:guid}").Fact;
        Assert.Equal("GetOrderById", getById.OperationId);
        Assert.Equal("OrdersController.GetByIdAsync", getById.Handler);
        Assert.Equal(["200", "404"], getById.Responses.Select(r => r.Status));
        Assert.Equal("OrderDto", getById.Responses[0].Schema!.Ref);
        Assert.Equal(("id", "path", "uuid"), (getById.Parameters[0].Name, getById.Parameters[0].In, getById.Parameters[0].Schema!.Format));

        var update = CSharpRepo.Single(surface, "PUT", "/api/Orders/{id}/status").Fact;
        Assert.Equal(["id:path", "notify:query"], update.Parameters.Select(p => $"{p.Name}:{p.In}"));
        Assert.Equal("UpdateStatusRequest", update.RequestBody!.Schema!.Ref);

        var create = CSharpRepo.Single(surface, "POST", "/api/Orders").Fact;
        Assert.Equal("CreateOrderRequest", create.RequestBody!.Schema!.Ref);
        Assert.Equal("OrderDto", Assert.Single(create.Responses).Schema!.Ref);
        Assert.Equal("Create", create.OperationId);

        var list = CSharpRepo.Single(surface, "GET", "/api/Orders").Fact;
        Assert.Equal("array", list.Responses.Single().Schema!.Types![0]);
        Assert.False(Assert.Single(list.Parameters).Required);

        Assert.True(CSharpRepo.Single(surface, "DELETE", "/api/Orders/{id}").Fact.Deprecated);
        var request = surface.Schemas.Single(s => s.Name == "CreateOrderRequest").Schema;
        Assert.Equal(["customerId", "lines"], request.Required);
        Assert.Contains("OrderLine", surface.Schemas.Select(s => s.Name));
    }

    [Fact]
    public async Task A_controller_inherits_the_route_of_a_base_controller_declared_in_another_file()
    {
        var surface = await CSharpRepo.Index(
            ("src/Billing.Api/ApiControllerBase.cs", BaseController),
            ("src/Billing.Api/Controllers/InvoicesController.cs", InvoicesController));

        var get = CSharpRepo.Single(surface, "GET", "/api/v{version:apiVersion}/Invoices/{id}");
        Assert.Equal("src/Billing.Api/Controllers/InvoicesController.cs", get.File);
        Assert.Equal(["1.0"], get.Fact.Versions);
        Assert.Equal("InvoiceDto", get.Fact.Responses.Single().Schema!.Ref);
        Assert.Equal(["2.0"], CSharpRepo.Single(surface, "GET", "/api/v{version:apiVersion}/Invoices/{id}/pdf").Fact.Versions);
        Assert.Equal("/api/v{}/Invoices/{}", get.PathKey);
        Assert.Equal(2, surface.Endpoints.Count);
    }

    [Fact]
    public async Task Views_are_skipped_and_conventional_routes_are_kept_with_lower_confidence()
    {
        var surface = await CSharpRepo.Index(("src/Web/Controllers/HomeController.cs", MvcControllers));

        Assert.Equal(["DELETE /Legacy/DeleteCache", "GET /Legacy/Ping"], surface.Endpoints.Select(e => $"{e.Method} {e.Path}"));
        Assert.All(surface.Endpoints, e =>
        {
            Assert.Equal(0.5, e.Fact.Confidence);
            Assert.Contains("conventional route", e.Fact.Note);
        });
    }
    [Fact]
    public async Task A_verb_attribute_without_a_template_keeps_the_conventional_route_of_its_action()
    {
        var surface = await CSharpRepo.Index(("src/Web/Controllers/GrantsController.cs",
            """
            namespace Web.Controllers;

            public class GrantsController : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Revoke(string clientId) { await Task.Yield(); return RedirectToAction("Index"); }

                [HttpGet]
                public IActionResult Challenge(string scheme) => Challenge(scheme);
            }
            """));

        Assert.Equal(["GET /Grants/Challenge", "POST /Grants/Revoke"], surface.Endpoints.Select(e => $"{e.Method} {e.Path}"));
        Assert.All(surface.Endpoints, e => Assert.Equal(0.5, e.Fact.Confidence));
    }
}
