using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyNamesChangedTests
{
    private const string Open = """{"type": "object", "additionalProperties": {"type": "string"}}""";
    private const string Named = """{"type": "object", "additionalProperties": {"type": "string"}, "propertyNames": {"pattern": "^[a-z]+$"}}""";

    private static string Nested(string schema) => """{"type": "object", "properties": {"labels": """ + schema + "}}";

    [Fact]
    public void Restricting_the_keys_of_a_request_body_breaks_clients_sending_others()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Open, Named));

        Assert.Equal(("request-body-property-names-added", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body now restricts its property names", change.Message);
    }

    [Fact]
    public void Lifting_the_restriction_on_response_keys_may_surprise_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Named, Open));

        Assert.Equal(("response-body-property-names-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void The_other_directions_are_news()
    {
        Assert.Equal(("request-body-property-names-removed", ChangeLevel.Info), Single(SchemaChanges.OfRequestBody(Named, Open)));
        Assert.Equal(("response-body-property-names-added", ChangeLevel.Info), Single(SchemaChanges.OfResponseBody(Open, Named)));
    }

    [Fact]
    public void Properties_have_their_own_ids()
    {
        Assert.Equal(("request-property-property-names-added", ChangeLevel.Err), Single(SchemaChanges.OfRequestBody(Nested(Open), Nested(Named))));
        Assert.Equal(("request-property-property-names-removed", ChangeLevel.Info), Single(SchemaChanges.OfRequestBody(Nested(Named), Nested(Open))));
        Assert.Equal(("response-property-property-names-added", ChangeLevel.Info), Single(SchemaChanges.OfResponseBody(Nested(Open), Nested(Named))));
        Assert.Equal(("response-property-property-names-removed", ChangeLevel.Err), Single(SchemaChanges.OfResponseBody(Nested(Named), Nested(Open))));
    }

    private static (string, ChangeLevel) Single(IReadOnlyList<Change> changes)
    {
        var change = Assert.Single(changes);
        return (change.Rule, change.Level);
    }
}
