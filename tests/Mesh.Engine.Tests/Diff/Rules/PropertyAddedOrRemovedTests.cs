using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyAddedOrRemovedTests
{
    private const string Sku = """{"type": "object", "required": ["sku"], "properties": {"sku": {"type": "string"}}}""";

    [Fact]
    public void Adding_a_required_request_property_breaks_clients()
    {
        var changes = SchemaChanges.OfRequestBody(Sku,
            """{"type": "object", "required": ["sku", "qty"], "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}}}""");

        var change = Assert.Single(changes);
        Assert.Equal("new-required-request-property", change.Rule);
        Assert.Equal(ChangeLevel.Err, change.Level);
        Assert.Equal("request body .qty", change.Location);
        Assert.Equal("required request body property 'qty' was added", change.Message);
    }

    [Fact]
    public void A_new_required_request_property_with_a_default_is_reported_apart()
    {
        var changes = SchemaChanges.OfRequestBody(Sku,
            """{"type": "object", "required": ["sku", "qty"], "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "default": 1}}}""");

        Assert.Equal("new-required-request-property-with-default", Assert.Single(changes).Rule);
    }

    [Fact]
    public void Adding_an_optional_request_property_is_only_noted()
    {
        var changes = SchemaChanges.OfRequestBody(Sku,
            """{"type": "object", "required": ["sku"], "properties": {"sku": {"type": "string"}, "note": {"type": "string"}}}""");

        var change = Assert.Single(changes);
        Assert.Equal(("new-optional-request-property", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_new_required_read_only_property_is_not_sent_so_requests_do_not_break()
    {
        var changes = SchemaChanges.OfRequestBody(Sku,
            """{"type": "object", "required": ["sku", "id"], "properties": {"sku": {"type": "string"}, "id": {"type": "string", "readOnly": true}}}""");

        Assert.Empty(changes);
    }

    [Fact]
    public void Removing_a_request_property_may_break_clients_that_send_it()
    {
        var changes = SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"sku": {"type": "string"}, "note": {"type": "string"}}}""",
            """{"type": "object", "properties": {"sku": {"type": "string"}}}""");

        var change = Assert.Single(changes);
        Assert.Equal(("request-property-removed", ChangeLevel.Warn), (change.Rule, change.Level));
    }

    [Fact]
    public void Removing_a_required_response_property_breaks_readers()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "object", "required": ["id", "total"], "properties": {"id": {"type": "string"}, "total": {"type": "number"}}}""",
            """{"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}""");

        var change = Assert.Single(changes);
        Assert.Equal(("response-required-property-removed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("required response 200 body property 'total' was removed", change.Message);
    }

    [Fact]
    public void Removing_an_optional_response_property_may_break_readers()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "object", "properties": {"id": {"type": "string"}, "note": {"type": "string"}}}""",
            """{"type": "object", "properties": {"id": {"type": "string"}}}""");

        Assert.Equal(("response-optional-property-removed", ChangeLevel.Warn), (Assert.Single(changes).Rule, changes[0].Level));
    }

    [Fact]
    public void A_write_only_response_property_was_never_returned_so_removing_it_is_only_noted()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "object", "required": ["secret"], "properties": {"secret": {"type": "string", "writeOnly": true}}}""",
            """{"type": "object", "properties": {}}""");

        Assert.Equal(("response-required-write-only-property-removed", ChangeLevel.Info), (Assert.Single(changes).Rule, changes[0].Level));
    }

    [Fact]
    public void Properties_nested_in_arrays_and_all_of_parts_are_compared_too()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "array", "items": {"allOf": [{"type": "object", "required": ["id", "price"], "properties": {"id": {"type": "string"}, "price": {"type": "number"}}}]}}""",
            """{"type": "array", "items": {"allOf": [{"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}]}}""");

        var change = Assert.Single(changes);
        Assert.Equal("response-required-property-removed", change.Rule);
        Assert.Equal("response 200 body []/allOf[0].price", change.Location);
    }

    [Fact]
    public void A_new_required_property_of_a_header_object_breaks_clients()
    {
        var changes = SchemaChanges.OfParameter(
            """{"type": "object", "properties": {"a": {"type": "string"}}}""",
            """{"type": "object", "required": ["b"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}""",
            where: "header");

        Assert.Equal(("new-required-request-header-property", ChangeLevel.Err), (Assert.Single(changes).Rule, changes[0].Level));
    }
}
