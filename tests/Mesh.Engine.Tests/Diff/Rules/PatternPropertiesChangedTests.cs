using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PatternPropertiesChangedTests
{
    private const string Open = """{"type":"object","properties":{"name":{"type":"string"}}}""";
    private const string Patterned = """{"type":"object","properties":{"name":{"type":"string"}},"patternProperties":{"^x-":{"type":"string"}}}""";

    [Fact]
    public void Constraining_request_properties_by_name_pattern_breaks_clients()
    {
        var change = Assert.Single(Between(RequestBody(Open), RequestBody(Patterned)));

        Assert.Equal(("request-body-pattern-property-added", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Contains("'^x-'", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_pattern_dropped_may_surprise_clients()
    {
        var change = Assert.Single(Between(ResponseBody(Property(Patterned)), ResponseBody(Property(Open))));

        Assert.Equal(("response-property-pattern-property-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_pattern_present_on_both_sides_is_walked_like_a_property()
    {
        var change = Assert.Single(Between(RequestBody(Patterned), RequestBody(Patterned.Replace("""{"^x-":{"type":"string"}}""", """{"^x-":{"type":"integer"}}""", StringComparison.Ordinal))));

        Assert.Equal(("request-property-type-changed", "request body /patternProperties[^x-]"), (change.Rule, change.Location));
    }
}
