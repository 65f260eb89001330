using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class MinChangedTests
{
    private static IReadOnlyList<Change> Qty(Func<string, string, IReadOnlyList<Change>> diff, string before, string after) => diff(
        """{"type": "object", "properties": {"qty": {"type": "integer", """ + before + "}}}",
        """{"type": "object", "properties": {"qty": {"type": "integer", """ + after + "}}}");

    [Fact]
    public void Raising_a_request_minimum_breaks_clients()
    {
        var change = Assert.Single(Qty((b, a) => SchemaChanges.OfRequestBody(b, a), "\"minimum\": 0", "\"minimum\": 1"));

        Assert.Equal(("request-property-min-increased", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body property 'qty' minimum raised from 0 to 1", change.Message);
        Assert.Equal(("0", "1"), (change.Before, change.After));
    }

    [Fact]
    public void Lowering_a_request_minimum_is_only_noted()
    {
        var change = Assert.Single(Qty((b, a) => SchemaChanges.OfRequestBody(b, a), "\"minimum\": 5", "\"minimum\": 1"));

        Assert.Equal(("request-property-min-decreased", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_first_request_minimum_may_break_clients()
    {
        var change = Assert.Single(SchemaChanges.OfParameter("""{"type": "integer"}""", """{"type": "integer", "minimum": 1}"""));

        Assert.Equal(("request-parameter-min-set", ChangeLevel.Warn), (change.Rule, change.Level));
        Assert.Equal("query parameter 'p' now has a minimum of 1", change.Message);
    }

    [Fact]
    public void Lowering_a_response_minimum_breaks_readers()
    {
        var change = Assert.Single(Qty((b, a) => SchemaChanges.OfResponseBody(b, a), "\"minimum\": 1", "\"minimum\": 0"));

        Assert.Equal(("response-property-min-decreased", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void Raising_a_response_minimum_narrows_what_readers_see_and_is_not_reported()
    {
        Assert.Empty(Qty((b, a) => SchemaChanges.OfResponseBody(b, a), "\"minimum\": 0", "\"minimum\": 1"));
    }

    [Fact]
    public void Raising_an_exclusive_request_minimum_breaks_clients()
    {
        var change = Assert.Single(Qty((b, a) => SchemaChanges.OfRequestBody(b, a), "\"exclusiveMinimum\": 0", "\"exclusiveMinimum\": 5"));

        Assert.Equal(("request-property-exclusive-min-increased", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_read_only_request_property_is_not_sent_so_its_minimum_is_only_noted()
    {
        var change = Assert.Single(Qty((b, a) => SchemaChanges.OfRequestBody(b, a), "\"readOnly\": true, \"minimum\": 0", "\"readOnly\": true, \"minimum\": 1"));

        Assert.Equal(("request-read-only-property-min-increased", ChangeLevel.Info), (change.Rule, change.Level));
    }
}
