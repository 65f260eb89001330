using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ListOfTypesChangedTests
{
    private static string Id(string schema) => """{"type": "object", "properties": {"id": """ + schema + "}}";

    [Fact]
    public void A_response_value_that_may_take_another_type_breaks_readers()
    {
        var changes = SchemaChanges.OfResponseBody(Id("""{"type": "string"}"""), Id("""{"oneOf": [{"type": "string"}, {"type": "integer"}]}"""));

        var change = Assert.Single(changes);
        Assert.Equal(("response-property-list-of-types-widened", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'id' types changed from string to integer|string (gained integer)", change.Message);
    }

    [Fact]
    public void A_request_value_that_accepts_fewer_types_breaks_clients_and_is_not_also_a_type_change()
    {
        var changes = SchemaChanges.OfRequestBody(Id("""{"type": ["string", "integer"]}"""), Id("""{"type": "integer"}"""));

        var change = Assert.Single(changes);
        Assert.Equal(("request-property-list-of-types-narrowed", ChangeLevel.Err), (change.Rule, change.Level));
    }
}
