using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class EnumChangedTests
{
    [Fact]
    public void Restricting_a_request_parameter_to_an_enum_breaks_clients()
    {
        var change = Assert.Single(SchemaChanges.OfParameter("""{"type": "string"}""", """{"type": "string", "enum": ["asc", "desc"]}"""));

        Assert.Equal(("request-parameter-became-enum", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("query parameter 'p' is now restricted to the values \"asc\", \"desc\"", change.Message);
    }

    [Fact]
    public void Removing_an_accepted_request_value_breaks_clients_that_send_it()
    {
        var changes = SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"status": {"type": "string", "enum": ["open", "closed", "held"]}}}""",
            """{"type": "object", "properties": {"status": {"type": "string", "enum": ["open", "closed"]}}}""");

        var change = Assert.Single(changes);
        Assert.Equal(("request-property-enum-value-removed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("value \"held\" was removed from the enum of request body property 'status'", change.Message);
    }

    [Fact]
    public void A_new_response_value_may_break_readers_that_switch_on_it()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "object", "properties": {"status": {"type": "string", "enum": ["open"]}}}""",
            """{"type": "object", "properties": {"status": {"type": "string", "enum": ["open", "held"]}}}""");

        Assert.Equal(("response-property-enum-value-added", ChangeLevel.Warn), (Assert.Single(changes).Rule, changes[0].Level));
    }

    [Fact]
    public void Removing_a_value_a_response_body_could_take_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody("""{"type": "string", "enum": ["a", "b"]}""", """{"type": "string", "enum": ["a"]}"""));

        Assert.Equal(("response-mediatype-enum-value-removed", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void Removing_a_value_of_a_read_only_request_property_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"state": {"type": "string", "readOnly": true, "enum": ["a", "b"]}}}""",
            """{"type": "object", "properties": {"state": {"type": "string", "readOnly": true, "enum": ["a"]}}}"""));

        Assert.Equal(("request-read-only-property-enum-value-removed", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void The_items_of_an_array_parameter_are_the_parameter_values()
    {
        var change = Assert.Single(SchemaChanges.OfParameter(
            """{"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}""",
            """{"type": "array", "items": {"type": "string", "enum": ["a"]}}"""));

        Assert.Equal("request-parameter-enum-value-removed", change.Rule);
    }

    [Fact]
    public void Removing_an_extensible_enum_value_breaks_clients_that_send_it()
    {
        var change = Assert.Single(SchemaChanges.OfParameter(
            """{"type": "string", "x-extensible-enum": ["a", "b"]}""",
            """{"type": "string", "x-extensible-enum": ["a"]}"""));

        Assert.Equal(("request-parameter-x-extensible-enum-value-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }
}
