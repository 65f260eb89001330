using Mesh.Engine.Tests.Diff.Rules;

namespace Mesh.Engine.Tests.Diff;

public sealed class SchemaWalkerTests
{
    private const string Level = """{"type": "object", "properties": {"a": {"$ref": "#/components/schemas/NEXT"}, "b": {"$ref": "#/components/schemas/NEXT"}}}""";

    /// <summary>Level i has two properties that both reference level i+1: 2^depth paths lead to the last level.</summary>
    private static string Web(int depth, string last) => "{" + string.Join(", ", Enumerable.Range(0, depth)
        .Select(i => $"\"L{i}\": " + Level.Replace("NEXT", $"L{i + 1}", StringComparison.Ordinal))
        .Append($"\"L{depth}\": {last}")) + "}";

    [Fact]
    public void A_web_of_shared_schemas_is_compared_once_per_operation_not_once_per_path()
    {
        var before = SchemaChanges.Document(response: """{"$ref": "#/components/schemas/L0"}""",
            components: Web(30, """{"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}"""));
        var after = SchemaChanges.Document(response: """{"$ref": "#/components/schemas/L0"}""",
            components: Web(30, """{"type": "object", "properties": {"id": {"type": "string"}}}"""));

        // Walking every path would meet the last level 2^30 times (and never finish); once per operation meets it once.
        var changes = SchemaChanges.Between(before, after);

        var change = Assert.Single(changes);
        Assert.Equal("response-property-became-optional", change.Rule);
        Assert.StartsWith("response 200 body .a.a.a.", change.Location);
    }

    [Fact]
    public void A_changed_schema_shared_by_two_operations_is_reported_for_each()
    {
        const string paths = """
            /a: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}}}}
            /b: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}}}}
            """;
        static string Components(int maximum) => $"components: {{schemas: {{Item: {{type: object, properties: {{qty: {{type: integer, maximum: {maximum}}}}}}}}}}}";

        var changes = SpecDiff.Run(SpecDiff.Document(paths, Components(10)), SpecDiff.Document(paths, Components(20)));

        Assert.Equal(["/a", "/b"], changes.Where(c => c.Rule == "response-property-max-increased").Select(c => c.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_shared_schema_is_compared_in_each_direction_it_is_used()
    {
        const string components = """{"Item": {"type": "object", "properties": {"qty": {"type": "integer", "maximum": 10}}}}""";
        const string changed = """{"Item": {"type": "object", "properties": {"qty": {"type": "integer", "maximum": 20}}}}""";
        const string item = """{"$ref": "#/components/schemas/Item"}""";

        var changes = SchemaChanges.Between(
            SchemaChanges.Document(request: item, response: item, components: components),
            SchemaChanges.Document(request: item, response: item, components: changed));

        Assert.Equal(["request-property-max-increased", "response-property-max-increased"], changes.Select(c => c.Rule).Order(StringComparer.Ordinal));
    }
}
