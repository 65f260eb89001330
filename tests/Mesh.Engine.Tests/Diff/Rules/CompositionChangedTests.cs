using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class CompositionChangedTests
{
    private const string Pets = """
        {
          "Dog": {"type": "object", "properties": {"bark": {"type": "boolean"}}},
          "Cat": {"type": "object", "properties": {"purr": {"type": "boolean"}}}
        }
        """;

    [Fact]
    public void Removing_a_request_alternative_breaks_clients_that_send_it()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(
            """{"oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}]}""",
            """{"oneOf": [{"$ref": "#/components/schemas/Dog"}]}""", Pets));

        Assert.Equal(("request-body-one-of-removed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("oneOf subschema 'Cat' was removed from request body", change.Message);
    }

    [Fact]
    public void A_new_response_alternative_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(
            """{"oneOf": [{"$ref": "#/components/schemas/Dog"}]}""",
            """{"oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}]}""", Pets));

        Assert.Equal(("response-body-one-of-added", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_new_all_of_part_narrows_what_a_request_accepts()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(
            """{"allOf": [{"$ref": "#/components/schemas/Dog"}]}""",
            """{"allOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}]}""", Pets));

        Assert.Equal(("request-body-all-of-added", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void An_all_of_part_that_only_annotates_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"a": {"type": "string"}}}""",
            """{"type": "object", "properties": {"a": {"type": "string"}}, "allOf": [{"title": "A note", "description": "no constraint"}]}"""));

        Assert.Equal(("request-body-all-of-added-annotation-only", ChangeLevel.Info), (change.Rule, change.Level));
    }
}
