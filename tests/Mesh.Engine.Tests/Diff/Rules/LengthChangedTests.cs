using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class LengthChangedTests
{
    private static IReadOnlyList<Change> Name(Func<string, string, IReadOnlyList<Change>> diff, string before, string after) => diff(
        """{"type": "object", "properties": {"name": {"type": "string", """ + before + "}}}",
        """{"type": "object", "properties": {"name": {"type": "string", """ + after + "}}}");

    [Fact]
    public void A_shorter_request_maximum_length_breaks_clients()
    {
        var change = Assert.Single(Name((b, a) => SchemaChanges.OfRequestBody(b, a), "\"maxLength\": 100", "\"maxLength\": 20"));

        Assert.Equal(("request-property-max-length-decreased", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body property 'name' maximum length lowered from 100 to 20", change.Message);
    }

    [Fact]
    public void A_longer_request_minimum_length_breaks_clients()
    {
        var change = Assert.Single(Name((b, a) => SchemaChanges.OfRequestBody(b, a), "\"minLength\": 1", "\"minLength\": 3"));

        Assert.Equal(("request-property-min-length-increased", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_string_without_its_maximum_length_breaks_readers()
    {
        var change = Assert.Single(Name((b, a) => SchemaChanges.OfResponseBody(b, a), "\"maxLength\": 100", "\"title\": \"Name\""));

        Assert.Equal(("response-property-max-length-unset", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'name' no longer has a maximum length (was 100)", change.Message);
    }

    [Fact]
    public void A_first_request_maximum_length_may_break_clients()
    {
        var change = Assert.Single(SchemaChanges.OfParameter("""{"type": "string"}""", """{"type": "string", "maxLength": 8}"""));

        Assert.Equal(("request-parameter-max-length-set", ChangeLevel.Warn), (change.Rule, change.Level));
    }
}
