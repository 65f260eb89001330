using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ItemsCountChangedTests
{
    [Fact]
    public void Requiring_more_request_items_breaks_clients()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(
            """{"type": "array", "minItems": 1, "items": {"type": "string"}}""",
            """{"type": "array", "minItems": 2, "items": {"type": "string"}}"""));

        Assert.Equal(("request-body-min-items-increased", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body minimum item count raised from 1 to 2", change.Message);
    }

    [Fact]
    public void Allowing_fewer_parameter_items_breaks_clients()
    {
        var change = Assert.Single(SchemaChanges.OfParameter(
            """{"type": "array", "maxItems": 50, "items": {"type": "string"}}""",
            """{"type": "array", "maxItems": 10, "items": {"type": "string"}}"""));

        Assert.Equal(("request-parameter-max-items-decreased", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_array_that_may_now_be_empty_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(
            """{"type": "array", "minItems": 1, "items": {"type": "string"}}""",
            """{"type": "array", "items": {"type": "string"}}"""));

        Assert.Equal(("response-body-min-items-unset", ChangeLevel.Err), (change.Rule, change.Level));
    }
}
