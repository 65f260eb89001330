using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class MaxChangedTests
{
    [Fact]
    public void Lowering_a_request_maximum_breaks_clients()
    {
        var change = Assert.Single(SchemaChanges.OfParameter("""{"type": "integer", "maximum": 100}""", """{"type": "integer", "maximum": 50}"""));

        Assert.Equal(("request-parameter-max-decreased", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("query parameter 'p' maximum lowered from 100 to 50", change.Message);
    }

    [Fact]
    public void Raising_a_response_maximum_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody("""{"type": "number", "maximum": 1.5}""", """{"type": "number", "maximum": 2}"""));

        Assert.Equal(("response-body-max-increased", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body maximum raised from 1.5 to 2", change.Message);
    }

    [Fact]
    public void Making_a_request_maximum_exclusive_narrows_it()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody("""{"type": "integer", "maximum": 10}""", """{"type": "integer", "exclusiveMaximum": 10}"""));

        Assert.Equal(("request-body-exclusive-max-decreased", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_first_request_maximum_may_break_clients()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody("""{"type": "integer"}""", """{"type": "integer", "maximum": 10}"""));

        Assert.Equal(("request-body-max-set", ChangeLevel.Warn), (change.Rule, change.Level));
    }
}
