using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ConditionalSubschemasChangedTests
{
    private const string Plain = """{"type":"object","properties":{"kind":{"type":"string"},"code":{"type":"string"}}}""";
    private const string Conditional =
        """{"type":"object","properties":{"kind":{"type":"string"},"code":{"type":"string"}},"if":{"properties":{"kind":{"const":"special"}}},"then":{"required":["code"]},"else":{"properties":{"code":{"maxLength":3}}}}""";

    [Fact]
    public void A_new_condition_on_a_request_body_breaks_clients()
    {
        var changes = Between(RequestBody(Plain), RequestBody(Conditional));

        Assert.Equal(["request-body-else-added", "request-body-if-added", "request-body-then-added"], changes.Select(c => c.Rule));
        Assert.All(changes, c => Assert.Equal(ChangeLevel.Err, c.Level));
    }

    [Fact]
    public void A_condition_dropped_from_a_response_property_may_surprise_clients()
    {
        var changes = Between(ResponseBody(Property(Conditional)), ResponseBody(Property(Plain)));

        Assert.Equal(["response-property-else-removed", "response-property-if-removed", "response-property-then-removed"], changes.Select(c => c.Rule));
        Assert.All(changes, c => Assert.Equal(ChangeLevel.Err, c.Level));
        Assert.All(changes, c => Assert.Equal("response 200 body .value", c.Location));
    }

    [Fact]
    public void A_new_condition_on_a_response_is_only_noted()
    {
        Assert.All(Between(ResponseBody(Plain), ResponseBody(Conditional)), c => Assert.Equal(ChangeLevel.Info, c.Level));
    }

    [Fact]
    public void A_changed_condition_may_break_either_side()
    {
        var change = Assert.Single(Between(RequestBody(Conditional), RequestBody(Conditional.Replace("special", "rare", StringComparison.Ordinal))));

        Assert.Equal(("request-body-if-changed", ChangeLevel.Warn), (change.Rule, change.Level));
    }

    [Fact]
    public void A_then_branch_present_on_both_sides_is_walked_like_any_subschema()
    {
        var changes = Between(RequestBody(Conditional), RequestBody(Conditional.Replace("""{"required":["code"]}""", """{"required":["code"],"const":{"kind":"special","code":"x"}}""", StringComparison.Ordinal)));

        var change = Assert.Single(changes);
        Assert.Equal(("request-body-const-added", "request body /then"), (change.Rule, change.Location));
    }
}
