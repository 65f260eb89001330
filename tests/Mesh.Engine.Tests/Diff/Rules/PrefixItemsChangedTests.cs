using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PrefixItemsChangedTests
{
    private const string List = """{"type":"array","items":{"type":"string"}}""";
    private const string Tuple = """{"type":"array","items":{"type":"string"},"prefixItems":[{"type":"integer"}]}""";

    [Fact]
    public void A_response_array_whose_first_item_escapes_items_may_surprise_clients()
    {
        var change = Assert.Single(Between(ResponseBody(List), ResponseBody(Tuple)));

        Assert.Equal(("response-body-prefix-items-added", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_request_array_whose_first_item_falls_back_under_items_breaks_clients()
    {
        var change = Assert.Single(Between(RequestBody(Property(Tuple)), RequestBody(Property(List))));

        Assert.Equal(("request-property-prefix-items-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_longer_tuple_reports_the_new_positions()
    {
        var change = Assert.Single(Between(RequestBody(Tuple), RequestBody(Tuple.Replace("""[{"type":"integer"}]""", """[{"type":"integer"},{"type":"boolean"}]""", StringComparison.Ordinal))));

        Assert.Equal(("request-body-prefix-items-added", "1", "2"), (change.Rule, change.Before, change.After));
    }

    [Fact]
    public void A_tuple_position_present_on_both_sides_is_walked_like_an_item()
    {
        var change = Assert.Single(Between(ResponseBody(Tuple), ResponseBody(Tuple.Replace("""{"type":"integer"}]""", """{"type":"integer","const":0}]""", StringComparison.Ordinal))));

        Assert.Equal(("response-property-const-added", "response 200 body [0]"), (change.Rule, change.Location));
    }

    [Fact]
    public void A_tuple_position_may_name_a_component_schema()
    {
        var components = """{"Code":{"type":"string","const":"A"}}""";
        var before = """{"type":"array","prefixItems":[{"$ref":"#/components/schemas/Code"}]}""";

        var change = Assert.Single(Between(RequestBody(before, components), RequestBody(before, components.Replace("\"A\"", "\"B\"", StringComparison.Ordinal))));

        Assert.Equal("request-property-const-changed", change.Rule);
    }
}
