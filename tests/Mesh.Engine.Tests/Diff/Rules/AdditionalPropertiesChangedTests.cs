using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class AdditionalPropertiesChangedTests
{
    private const string Open = """{"type": "object", "properties": {"a": {"type": "string"}}}""";
    private const string Closed = """{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}""";

    [Fact]
    public void A_request_object_that_rejects_unlisted_properties_may_break_clients()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Open, Closed));

        Assert.Equal(("request-body-additional-properties-disallowed", ChangeLevel.Warn), (change.Rule, change.Level));
        Assert.Equal("request body no longer allows properties it does not list", change.Message);
    }

    [Fact]
    public void A_response_object_that_may_carry_unlisted_properties_may_break_strict_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Closed, Open));

        Assert.Equal(("response-body-additional-properties-allowed", ChangeLevel.Warn), (change.Rule, change.Level));
    }

    [Fact]
    public void The_schema_of_additional_properties_is_compared_like_a_property()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(
            """{"type": "object", "additionalProperties": {"type": "integer"}}""",
            """{"type": "object", "additionalProperties": {"type": "string"}}"""));

        Assert.Equal("response-property-type-changed", change.Rule);
        Assert.Equal("response 200 body {}", change.Location);
    }
}
