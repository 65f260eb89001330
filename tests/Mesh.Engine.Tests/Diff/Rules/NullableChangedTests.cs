using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class NullableChangedTests
{
    private const string Total = """{"type": "object", "properties": {"total": {"type": "number"}}}""";
    private const string NullableTotal = """{"type": "object", "properties": {"total": {"type": ["number", "null"]}}}""";

    [Fact]
    public void A_response_property_that_may_be_null_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Total, NullableTotal));

        Assert.Equal(("response-property-became-nullable", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'total' may now be null", change.Message);
    }

    [Fact]
    public void A_request_property_that_no_longer_accepts_null_breaks_clients_sending_it()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(NullableTotal, Total));

        Assert.Equal(("request-property-became-not-nullable", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_request_parameter_that_accepts_null_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfParameter("""{"type": "string"}""", """{"type": ["string", "null"]}"""));

        Assert.Equal(("request-parameter-became-nullable", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void OpenAPI_3_0_nullable_counts_the_same()
    {
        var before = SchemaChanges.Document(response: """{"type": "string"}""").Replace("3.1.0", "3.0.3");
        var after = SchemaChanges.Document(response: """{"type": "string", "nullable": true}""").Replace("3.1.0", "3.0.3");

        Assert.Equal("response-body-became-nullable", Assert.Single(SchemaChanges.Between(before, after)).Rule);
    }

    [Fact]
    public void An_optional_wrapper_around_a_schema_reads_as_nullable_and_its_content_is_still_compared()
    {
        const string money = """{"Money": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}, "currency": {"type": "string"}}}}""";
        const string moneyAfter = """{"Money": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}}}""";
        var before = SchemaChanges.Document(response: """{"type": "object", "properties": {"total": {"$ref": "#/components/schemas/Money"}}}""", components: money);
        var after = SchemaChanges.Document(
            response: """{"type": "object", "properties": {"total": {"anyOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}]}}}""", components: moneyAfter);

        var changes = SchemaChanges.Between(before, after);

        Assert.Equal(["response-optional-property-removed", "response-property-became-nullable"], changes.Select(c => c.Rule).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_response_header_that_may_be_null_breaks_readers_and_the_reverse_is_news()
    {
        const string plain = "X-Total: { schema: { type: integer } }";
        const string nullable = "X-Total: { schema: { type: integer, nullable: true } }";

        var became = Assert.Single(SpecDiff.Run(ResponseHeaderSpecs.ListOrders(plain), ResponseHeaderSpecs.ListOrders(nullable)));
        var stopped = Assert.Single(SpecDiff.Run(ResponseHeaderSpecs.ListOrders(nullable), ResponseHeaderSpecs.ListOrders(plain)));

        Assert.Equal(("response-header-became-nullable", ChangeLevel.Err), (became.Rule, became.Level));
        Assert.Equal(("response-header-became-not-nullable", ChangeLevel.Info), (stopped.Rule, stopped.Level));
    }
}
