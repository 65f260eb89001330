using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class AccessModeChangedTests
{
    [Fact]
    public void A_required_response_property_that_stops_being_write_only_may_surprise_readers()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "object", "required": ["pin"], "properties": {"pin": {"type": "string", "writeOnly": true}}}""",
            """{"type": "object", "required": ["pin"], "properties": {"pin": {"type": "string"}}}""");

        var change = Assert.Single(changes);
        Assert.Equal(("response-required-property-became-not-write-only", ChangeLevel.Warn), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'pin' became not write-only", change.Message);
    }

    [Fact]
    public void An_optional_request_property_becoming_read_only_is_noted()
    {
        var changes = SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"id": {"type": "string"}}}""",
            """{"type": "object", "properties": {"id": {"type": "string", "readOnly": true}}}""");

        Assert.Equal(("request-optional-property-became-read-only", ChangeLevel.Info), (Assert.Single(changes).Rule, changes[0].Level));
    }
}
