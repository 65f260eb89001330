using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ConstChangedTests
{
    [Fact]
    public void Changing_a_response_constant_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(
            """{"type": "object", "properties": {"kind": {"type": "string", "const": "order"}}}""",
            """{"type": "object", "properties": {"kind": {"type": "string", "const": "purchase"}}}"""));

        Assert.Equal(("response-property-const-changed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'kind' constant changed from 'order' to 'purchase'", change.Message);
    }

    [Fact]
    public void Fixing_a_request_value_breaks_clients_that_send_others()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody("""{"type": "string"}""", """{"type": "string", "const": "v2"}"""));

        Assert.Equal(("request-body-const-added", ChangeLevel.Err), (change.Rule, change.Level));
    }
}
