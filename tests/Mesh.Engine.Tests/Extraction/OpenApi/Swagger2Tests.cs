using Mesh.Engine.Extraction;
using Xunit;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

public sealed class Swagger2Tests
{
    private readonly FileFacts _facts = Specs.Extract("orders-swagger2.json");

    [Fact]
    public void Swagger2_operations_are_read_with_their_lines_in_file_order()
    {
        Assert.Empty(_facts.Diagnostics);
        Assert.Equal(
            [("GET", "/orders", 11, "listOrders"), ("POST", "/orders", 23, "createOrder"), ("GET", "/orders/{orderId}", 39, "getOrder"),
             ("DELETE", "/orders/{orderId}", 43, "cancelOrder"), ("POST", "/orders/{orderId}/attachments", 50, "attachFile")],
            _facts.Endpoints.Select(e => (e.Method, e.Path, e.Line, e.OperationId)));
        Assert.All(_facts.Endpoints, e =>
        {
            Assert.Equal("openapi", e.Source);
            Assert.Equal("openapi-2.0", e.Framework);
            Assert.Equal("/api/v1", e.BasePath);
        });
    }

    [Fact]
    public void Swagger2_body_parameter_becomes_request_body()
    {
        var create = _facts.Endpoint("POST", "/orders");

        Assert.Empty(create.Parameters);
        var body = Assert.IsType<ApiRequestBody>(create.RequestBody);
        Assert.True(body.Required);
        Assert.Equal(["application/json"], body.ContentTypes);
        Assert.Equal("NewOrder", body.Schema?.Ref);
    }

    [Fact]
    public void Swagger2_form_data_parameters_become_a_multipart_request_body()
    {
        var attach = _facts.Endpoint("POST", "/orders/{orderId}/attachments");

        Assert.Equal([("orderId", "path")], attach.Parameters.Select(p => (p.Name, p.In)));
        var body = Assert.IsType<ApiRequestBody>(attach.RequestBody);
        Assert.Equal(["multipart/form-data"], body.ContentTypes);
        var form = Assert.IsType<ApiSchema>(body.Schema);
        Assert.Equal(["file", "note"], form.Properties!.Keys);
        Assert.Equal(["file"], form.Required);
    }

    [Fact]
    public void Swagger2_query_parameters_keep_their_constraints()
    {
        var list = _facts.Endpoint("GET", "/orders");

        Assert.Equal(["orders"], list.Tags);
        Assert.Equal("List orders", list.Summary);
        var status = Assert.Single(list.Parameters, p => p.Name == "status");
        Assert.Equal(["\"open\"", "\"shipped\""], status.Schema?.Enum);
        var limit = Assert.Single(list.Parameters, p => p.Name == "limit");
        Assert.Equal("query", limit.In);
        Assert.False(limit.Required);
        Assert.Equal(["integer"], limit.Schema?.Types);
        Assert.Equal(1m, limit.Schema?.Minimum);
        Assert.Equal(100m, limit.Schema?.Maximum);
        Assert.Equal("20", limit.Schema?.Default);
    }

    [Fact]
    public void Swagger2_path_level_parameters_apply_to_every_operation_of_the_path()
    {
        foreach (var method in new[] { "GET", "DELETE" })
        {
            var parameter = Assert.Single(_facts.Endpoint(method, "/orders/{orderId}").Parameters);
            Assert.Equal(("orderId", "path", true, "uuid"), (parameter.Name, parameter.In, parameter.Required, parameter.Schema?.Format));
        }
    }

    [Fact]
    public void Swagger2_responses_are_sorted_by_status_with_schema_and_headers()
    {
        var create = _facts.Endpoint("POST", "/orders");

        Assert.Equal(["201", "400"], create.Responses.Select(r => r.Status));
        var created = create.Response("201");
        Assert.Equal("Created", created.Description);
        Assert.Equal(["application/json"], created.ContentTypes);
        Assert.Equal("Order", created.Schema?.Ref);
        Assert.Equal(["Location"], created.Headers?.Select(h => h.Name));
        Assert.Null(create.Response("400").Schema);

        var list = _facts.Endpoint("GET", "/orders").Response("200").Schema;
        Assert.Equal(["array"], list?.Types);
        Assert.Equal("Order", list?.Items?.Ref);
    }

    [Fact]
    public void Swagger2_deprecated_operation_is_marked()
    {
        Assert.True(_facts.Endpoint("DELETE", "/orders/{orderId}").Deprecated);
        Assert.False(_facts.Endpoint("GET", "/orders/{orderId}").Deprecated);
    }

    [Fact]
    public void Swagger2_definitions_fill_the_schema_table_and_a_self_reference_stays_a_reference()
    {
        Assert.Equal(["Category", "NewOrder", "Order"], _facts.Schemas.Schemas.Keys);
        Assert.Equal("Category", _facts.Schema("Category").Property("parent").Ref);

        var newOrder = _facts.Schema("NewOrder");
        Assert.Equal(["object"], newOrder.Types);
        Assert.Equal(["quantity", "sku"], newOrder.Required);
        Assert.Equal(["category", "quantity", "sku"], newOrder.Properties!.Keys);
        Assert.Equal("^[A-Z]{3}-[0-9]+$", newOrder.Property("sku").Pattern);
        var quantity = newOrder.Property("quantity");
        Assert.Equal(("int32", 0m, true), (quantity.Format, quantity.Minimum, quantity.ExclusiveMinimum));

        var order = _facts.Schema("Order");
        Assert.True(order.Property("id").ReadOnly);
        Assert.Equal("NewOrder", order.Property("lines").Items?.Ref);
    }
}
