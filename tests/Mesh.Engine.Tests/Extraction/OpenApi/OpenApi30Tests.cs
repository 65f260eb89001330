using Mesh.Engine.Extraction;
using Xunit;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

public sealed class OpenApi30Tests
{
    private readonly FileFacts _facts = Specs.Extract("billing-3.0.yaml");

    [Fact]
    public void Yaml_operations_get_the_line_of_their_method_key()
    {
        Assert.Empty(_facts.Diagnostics);
        Assert.Equal(
            [("GET", "/invoices", 12), ("POST", "/invoices", 31), ("GET", "/invoices/{invoiceId}", 56), ("PATCH", "/invoices/{invoiceId}", 78)],
            _facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.All(_facts.Endpoints, e => Assert.Equal("openapi-3.0", e.Framework));
    }

    [Fact]
    public void Base_path_is_the_path_of_the_first_server_url()
    {
        Assert.All(_facts.Endpoints, e => Assert.Equal("/v2", e.BasePath));
    }

    [Fact]
    public void Parameter_references_are_resolved_into_the_operation()
    {
        var list = _facts.Endpoint("GET", "/invoices");

        Assert.Equal([("pageSize", "query"), ("customer", "query")], list.Parameters.Select(p => (p.Name, p.In)));
        var pageSize = list.Parameters[0].Schema!;
        Assert.Equal((1m, 200m, true), (pageSize.Minimum, pageSize.Maximum, pageSize.ExclusiveMaximum));
        Assert.Equal(["invoices"], list.Tags);
    }

    [Fact]
    public void Operation_parameter_overrides_the_path_level_one_with_the_same_name_and_location()
    {
        var get = _facts.Endpoint("GET", "/invoices/{invoiceId}");

        Assert.Equal([("invoiceId", "path", true), ("X-Tenant", "header", true)], get.Parameters.Select(p => (p.Name, p.In, p.Required)));
        var patch = _facts.Endpoint("PATCH", "/invoices/{invoiceId}");
        Assert.Equal([("invoiceId", "path", true), ("X-Tenant", "header", false)], patch.Parameters.Select(p => (p.Name, p.In, p.Required)));
    }

    [Fact]
    public void Request_body_reference_is_resolved_with_sorted_content_types_and_the_json_schema()
    {
        var body = Assert.IsType<ApiRequestBody>(_facts.Endpoint("POST", "/invoices").RequestBody);

        Assert.True(body.Required);
        Assert.Equal(["application/json", "application/x-www-form-urlencoded"], body.ContentTypes);
        Assert.Equal("NewInvoice", body.Schema?.Ref);
        var newInvoice = _facts.Schemas.Resolve(body.Schema)!;
        Assert.Equal(["customerId", "total"], newInvoice.Required);
        Assert.Equal("Money", newInvoice.Property("total").Ref);
    }

    [Fact]
    public void Response_reference_and_default_response_are_read_per_status()
    {
        var create = _facts.Endpoint("POST", "/invoices");

        Assert.Equal(["201", "default"], create.Responses.Select(r => r.Status));
        var created = create.Response("201");
        Assert.Equal(("Created", "Invoice"), (created.Description, created.Schema?.Ref));
        Assert.Equal(["Location"], created.Headers?.Select(h => h.Name));
        var error = create.Response("default");
        Assert.Equal(["application/problem+json"], error.ContentTypes);
        Assert.Equal("Problem", error.Schema?.Ref);
    }

    [Fact]
    public void Response_schema_prefers_the_json_media_type_over_the_first_one()
    {
        var ok = _facts.Endpoint("GET", "/invoices/{invoiceId}").Response("200");

        Assert.Equal(["application/json", "text/csv"], ok.ContentTypes);
        Assert.Equal("Invoice", ok.Schema?.Ref);
        Assert.Equal(["ETag"], ok.Headers?.Select(h => h.Name));
    }

    [Fact]
    public void Nullable_true_in_3_0_becomes_nullable_without_a_null_type()
    {
        var patch = _facts.Endpoint("PATCH", "/invoices/{invoiceId}");
        Assert.True(patch.Deprecated);
        var note = patch.RequestBody!.Schema!.Property("note");

        Assert.True(note.Nullable);
        Assert.Equal(["string"], note.Types);
        Assert.Equal(500, note.MaxLength);
        Assert.Equal(["application/merge-patch+json"], patch.RequestBody.ContentTypes);

        var memo = _facts.Schema("NewInvoice").Property("memo");
        Assert.Equal((true, "\"none\""), (memo.Nullable, memo.Default));
    }

    [Fact]
    public void Yaml_scalars_follow_the_core_schema_and_anchors_are_expanded()
    {
        var extra = _facts.Schema("Invoice").AllOf![1];
        // Quoted 'null' stays a string; plain ~ is null.
        Assert.Equal(["\"draft\"", "\"open\"", "\"paid\"", "\"null\"", "null"], extra.Property("status").Enum);

        var tax = extra.Property("tax");
        Assert.Equal(["amount", "currency"], tax.Properties!.Keys);
        Assert.Equal((3, 3), (tax.Property("currency").MinLength, tax.Property("currency").MaxLength));
    }

    [Fact]
    public void Component_schemas_are_referenced_never_inlined()
    {
        Assert.Equal(["Invoice", "Money", "NewInvoice", "Problem"], _facts.Schemas.Schemas.Keys);
        var invoice = _facts.Schema("Invoice");
        Assert.Equal("NewInvoice", invoice.AllOf![0].Ref);
        Assert.Equal("Invoice", _facts.Endpoint("GET", "/invoices").Response("200").Schema?.Items?.Ref);
    }
}
