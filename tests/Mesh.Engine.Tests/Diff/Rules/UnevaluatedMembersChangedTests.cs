using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class UnevaluatedMembersChangedTests
{
    private const string Open = """{"type":"object","properties":{"name":{"type":"string"}}}""";

    private static string With(string keywords) => Open[..^1] + keywords + "}";

    [Fact]
    public void Constraining_unevaluated_request_members_breaks_clients()
    {
        var changes = Between(RequestBody(Open), RequestBody(With(""","unevaluatedProperties":{"type":"string"},"unevaluatedItems":false""")));

        Assert.Equal(["request-body-unevaluated-items-added", "request-body-unevaluated-properties-added"], changes.Select(c => c.Rule));
        Assert.All(changes, c => Assert.Equal(ChangeLevel.Err, c.Level));
    }

    [Fact]
    public void A_response_no_longer_refusing_unevaluated_properties_may_surprise_clients()
    {
        var change = Assert.Single(Between(ResponseBody(Property(With(""","unevaluatedProperties":false"""))), ResponseBody(Property(Open))));

        Assert.Equal(("response-property-unevaluated-properties-removed", ChangeLevel.Err, "false"), (change.Rule, change.Level, change.Before));
    }

    [Fact]
    public void A_schema_for_unevaluated_properties_that_became_false_narrows()
    {
        var request = Assert.Single(Between(RequestBody(With(""","unevaluatedProperties":{"type":"string"}""")), RequestBody(With(""","unevaluatedProperties":false"""))));

        Assert.Equal(("request-body-unevaluated-properties-added", ChangeLevel.Err), (request.Rule, request.Level));
        Assert.Contains("refuses every unevaluated property", request.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_present_on_both_sides_is_walked_like_a_property()
    {
        var change = Assert.Single(Between(
            RequestBody(With(""","unevaluatedProperties":{"type":"string"}""")),
            RequestBody(With(""","unevaluatedProperties":{"type":"boolean"}"""))));

        Assert.Equal(("request-property-type-changed", "request body /unevaluatedProperties"), (change.Rule, change.Location));
    }
}
