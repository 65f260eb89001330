using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class DiscriminatorChangedTests
{
    private const string Pets = """
        {
          "Dog": {"type": "object", "properties": {"kind": {"type": "string"}}},
          "Cat": {"type": "object", "properties": {"kind": {"type": "string"}}}
        }
        """;

    private static string Pet(string mapping) =>
        """{"oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}], "discriminator": {"propertyName": "kind", "mapping": """
        + mapping + "}}";

    [Fact]
    public void Mapping_changes_are_noted_by_kind()
    {
        var changes = SchemaChanges.OfRequestBody(
            Pet("""{"dog": "#/components/schemas/Dog", "cat": "#/components/schemas/Cat"}"""),
            Pet("""{"dog": "#/components/schemas/Cat", "kitty": "#/components/schemas/Cat"}"""), Pets);

        Assert.Equal(
            ["request-body-discriminator-mapping-added", "request-body-discriminator-mapping-changed", "request-body-discriminator-mapping-deleted"],
            changes.Select(c => c.Rule).Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal(ChangeLevel.Info, c.Level));
        Assert.Contains(changes, c => c.Message == "request body discriminator value 'dog' now selects 'Cat' instead of 'Dog'");
    }

    [Fact]
    public void A_renamed_discriminator_property_is_noted()
    {
        var changes = SchemaChanges.OfResponseBody(
            """{"type": "object", "discriminator": {"propertyName": "kind"}, "properties": {"kind": {"type": "string"}}}""",
            """{"type": "object", "discriminator": {"propertyName": "type"}, "properties": {"kind": {"type": "string"}}}""");

        var change = Assert.Single(changes);
        Assert.Equal("response-body-discriminator-property-name-changed", change.Rule);
        Assert.Equal(("kind", "type"), (change.Before, change.After));
    }
}
