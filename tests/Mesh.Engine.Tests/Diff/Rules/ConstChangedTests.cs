using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ConstChangedTests
{
    [Fact]
    public void Pinning_a_request_property_to_one_value_breaks_clients_sending_others()
    {
        var change = Assert.Single(Between(
            RequestBody(Property("""{"type":"string"}""")),
            RequestBody(Property("""{"type":"string","const":"active"}"""))));

        Assert.Equal(("request-property-const-added", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body .value", change.Location);
        Assert.Equal("\"active\"", change.After);
    }

    [Fact]
    public void Pinning_a_response_body_to_one_value_is_only_noted()
    {
        var change = Assert.Single(Between(ResponseBody("""{"type":"string"}"""), ResponseBody("""{"type":"string","const":"ok"}""")));

        Assert.Equal(("response-body-const-added", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_value_no_longer_pinned_may_surprise_clients()
    {
        var change = Assert.Single(Between(
            ResponseBody(Property("""{"type":"string","const":"ok"}""")),
            ResponseBody(Property("""{"type":"string"}"""))));

        Assert.Equal(("response-property-const-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void Another_pinned_value_breaks_requests_and_responses()
    {
        var request = Assert.Single(Between(RequestBody("""{"const":"v1"}"""), RequestBody("""{"const":"v2"}""")));
        var response = Assert.Single(Between(ResponseBody("""{"const":"v1"}"""), ResponseBody("""{"const":"v2"}""")));

        Assert.Equal(("request-body-const-changed", ChangeLevel.Err), (request.Rule, request.Level));
        Assert.Equal(("response-body-const-changed", ChangeLevel.Err), (response.Rule, response.Level));
        Assert.Equal(("\"v1\"", "\"v2\""), (response.Before, response.After));
    }

    [Fact]
    public void The_number_one_and_the_string_one_are_different_values()
    {
        var change = Assert.Single(Between(RequestBody("""{"const":1}"""), RequestBody("""{"const":"1"}""")));

        Assert.Equal("request-body-const-changed", change.Rule);
    }

    [Fact]
    public void The_same_value_written_differently_is_no_change()
    {
        Assert.Empty(Between(RequestBody("""{"const":{"a":1,"b":[true]}}"""), RequestBody("""{ "const" : { "a" : 1, "b" : [ true ] } }""")));
    }

    [Fact]
    public void A_constant_on_a_parameter_is_outside_the_catalog_and_reports_nothing()
    {
        Assert.Empty(Between(QueryParameter("""{"type":"string"}"""), QueryParameter("""{"type":"string","const":"a"}""")));
    }
}
