using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyTypeChangedTests
{
    private static string Filter(string type) => """{"type": "object", "properties": {"groupId": {"type": """ + type + "}}}";

    [Fact]
    public void Changing_a_response_property_type_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Filter("\"integer\""), Filter("\"string\"")));

        Assert.Equal(("response-property-type-changed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'groupId' type changed from integer to string", change.Message);
    }

    [Fact]
    public void Accepting_numbers_where_a_request_took_integers_is_compatible()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Filter("\"integer\""), Filter("\"number\"")));

        Assert.Equal(("request-property-type-generalized", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_text_parameter_property_that_becomes_a_number_accepts_fewer_values()
    {
        var change = Assert.Single(SchemaChanges.OfParameter(Filter("\"string\""), Filter("\"number\"")));

        Assert.Equal(("request-parameter-property-type-specialized", ChangeLevel.Err), (change.Rule, change.Level));
    }
}
