using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyRequiredChangedTests
{
    private const string Optional = """{"type": "object", "properties": {"qty": {"type": "integer"}}}""";
    private const string Required = """{"type": "object", "required": ["qty"], "properties": {"qty": {"type": "integer"}}}""";

    [Fact]
    public void Requiring_a_request_property_breaks_clients_that_omit_it()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Optional, Required));

        Assert.Equal(("request-property-became-required", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body property 'qty' became required", change.Message);
        Assert.Equal(("optional", "required"), (change.Before, change.After));
    }

    [Fact]
    public void Making_a_request_property_optional_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Required, Optional));

        Assert.Equal(("request-property-became-optional", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void Requiring_a_read_only_request_property_does_not_affect_clients()
    {
        Assert.Empty(SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"id": {"type": "string", "readOnly": true}}}""",
            """{"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "readOnly": true}}}"""));
    }

    [Fact]
    public void A_response_property_that_may_be_missing_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Required, Optional));

        Assert.Equal(("response-property-became-optional", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_write_only_response_property_becoming_optional_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(
            """{"type": "object", "required": ["pin"], "properties": {"pin": {"type": "string", "writeOnly": true}}}""",
            """{"type": "object", "properties": {"pin": {"type": "string", "writeOnly": true}}}"""));

        Assert.Equal(("response-write-only-property-became-optional", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void Requiring_a_header_object_property_breaks_clients()
    {
        var change = Assert.Single(SchemaChanges.OfParameter(Optional, Required, where: "header"));

        Assert.Equal(("request-header-property-became-required", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("header parameter 'p' property 'qty' became required", change.Message);
    }
}
