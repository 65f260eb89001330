using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class WrappedInOneOfTests
{
    private const string Object = """{"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}""";
    private const string Wrapped = """
        {"oneOf": [
          {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}},
          {"type": "object", "required": ["b"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}]}
        """;

    [Fact]
    public void Wrapping_a_request_body_in_one_of_breaks_clients_once_without_reporting_moved_properties()
    {
        var changes = SchemaChanges.OfRequestBody(Object, Wrapped);

        var change = Assert.Single(changes);
        Assert.Equal(("request-body-wrapped-in-one-of", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body was wrapped in a oneOf of 2 alternatives; properties 'a', 'b' moved into them", change.Message);
    }

    [Fact]
    public void Wrapping_a_response_body_in_one_of_breaks_readers_without_property_removals()
    {
        var changes = SchemaChanges.OfResponseBody(Object, Wrapped);

        Assert.Contains(changes, c => c.Rule == "response-body-wrapped-in-one-of" && c.Level == ChangeLevel.Err);
        Assert.DoesNotContain(changes, c => c.Rule is "response-required-property-removed" or "response-body-one-of-added");
    }
}
