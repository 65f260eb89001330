using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ContentChangedTests
{
    private const string Encoded = """{"type":"string","contentMediaType":"application/json","contentEncoding":"base64"}""";

    [Fact]
    public void A_differently_encoded_document_breaks_both_directions()
    {
        var after = """{"type":"string","contentMediaType":"text/plain","contentEncoding":"quoted-printable"}""";

        var request = Between(RequestBody(Property(Encoded)), RequestBody(Property(after)));
        var response = Between(ResponseBody(Property(Encoded)), ResponseBody(Property(after)));

        Assert.Equal(["request-property-content-encoding-changed", "request-property-content-media-type-changed"], request.Select(c => c.Rule));
        Assert.Equal(["response-property-content-encoding-changed", "response-property-content-media-type-changed"], response.Select(c => c.Rule));
        Assert.All(request.Concat(response), c => Assert.Equal(ChangeLevel.Err, c.Level));
        Assert.Equal(("base64", "quoted-printable"), (request[0].Before, request[0].After));
    }

    [Fact]
    public void Media_types_compare_without_case()
    {
        Assert.Empty(Between(RequestBody(Encoded), RequestBody(Encoded.Replace("application/json", "Application/JSON", StringComparison.Ordinal))));
    }

    [Fact]
    public void A_schema_for_the_encoded_document_narrows_requests_and_is_noted_for_responses()
    {
        var after = Encoded[..^1] + ""","contentSchema":{"type":"object"}}""";

        var request = Assert.Single(Between(RequestBody(Encoded), RequestBody(after)));
        var response = Assert.Single(Between(ResponseBody(Encoded), ResponseBody(after)));

        Assert.Equal(("request-body-content-schema-added", ChangeLevel.Err), (request.Rule, request.Level));
        Assert.Equal(("response-body-content-schema-added", ChangeLevel.Info), (response.Rule, response.Level));
    }

    [Fact]
    public void The_encoded_documents_schema_is_walked_when_present_on_both_sides()
    {
        var before = Encoded[..^1] + ""","contentSchema":{"type":"object","properties":{"id":{"type":"string"}}}}""";
        var after = before.Replace("""{"id":{"type":"string"}}""", """{"id":{"type":"integer"}}""", StringComparison.Ordinal);

        var change = Assert.Single(Between(ResponseBody(before), ResponseBody(after)));

        Assert.Equal(("response-property-type-changed", "response 200 body /contentSchema.id"), (change.Rule, change.Location));
    }
}
