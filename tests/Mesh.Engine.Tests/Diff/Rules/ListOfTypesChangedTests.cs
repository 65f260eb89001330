using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ListOfTypesChangedTests
{
    [Fact]
    public void A_response_property_that_may_now_be_a_number_too_breaks_clients()
    {
        var change = Assert.Single(Between(
            ResponseBody(Property("""{"type":"string"}""")),
            ResponseBody(Property("""{"type":["string","number"]}"""))));

        Assert.Equal(("response-property-list-of-types-widened", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal(("string", "number|string"), (change.Before, change.After));
    }

    [Fact]
    public void A_request_property_accepting_fewer_types_breaks_clients()
    {
        var change = Assert.Single(Between(
            RequestBody(Property("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""")),
            RequestBody(Property("""{"type":"integer"}"""))));

        Assert.Equal(("request-property-list-of-types-narrowed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_request_accepting_more_types_is_only_noted()
    {
        var change = Assert.Single(Between(
            RequestBody("""{"type":"string"}"""),
            RequestBody("""{"anyOf":[{"type":"string"},{"type":"boolean"}]}""")));

        Assert.Equal(("request-body-list-of-types-widened", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void Swapping_one_type_of_a_list_for_another_both_widens_and_narrows()
    {
        var changes = Between(QueryParameter("""{"type":["string","integer"]}"""), QueryParameter("""{"type":["string","boolean"]}"""));

        Assert.Equal(["request-parameter-list-of-types-narrowed", "request-parameter-list-of-types-widened"], changes.Select(c => c.Rule));
    }

    [Fact]
    public void Only_null_joining_the_types_is_nullability_not_a_list_of_types()
    {
        Assert.DoesNotContain(Between(RequestBody(Property("""{"type":"string"}""")), RequestBody(Property("""{"type":["string","null"]}"""))),
            c => c.Rule.Contains("type", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_of_types_is_not_also_reported_as_a_type_change()
    {
        var changes = Between(ResponseBody("""{"type":["integer","string"]}"""), ResponseBody("""{"type":["boolean","integer","string"]}"""));

        Assert.Equal(["response-body-list-of-types-widened"], changes.Select(c => c.Rule));
    }

    [Fact]
    public void A_oneOf_of_objects_is_not_a_list_of_types()
    {
        Assert.Empty(Between(
            RequestBody("""{"type":"object"}"""),
            RequestBody("""{"oneOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"type":"string"}]}""")));
    }
}
