using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class MediaTypeSchemaAddedOrRemovedTests
{
    private const string Shape = "schema: { type: object, properties: { id: { type: string } } }";

    private static string Orders(string request, string response) => Document(
        $"/orders:\n  post:\n    requestBody: {{ content: {{ application/json: {{ {request} }} }} }}\n" +
        $"    responses:\n      '200':\n        description: ok\n        content: {{ application/json: {{ {response} }} }}");

    [Fact]
    public void A_request_body_that_now_has_a_schema_refuses_what_it_took_before()
    {
        var change = Assert.Single(Run<MediaTypeSchemaAddedOrRemoved>(Orders("", Shape), Orders(Shape, Shape)));

        Assert.Equal((MediaTypeSchemaAddedOrRemoved.RequestAdded, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body application/json of POST /orders now has a schema it must match", change.Message);
    }

    [Fact]
    public void A_request_body_that_lost_its_schema_takes_more()
    {
        var change = Assert.Single(Run<MediaTypeSchemaAddedOrRemoved>(Orders(Shape, Shape), Orders("", Shape)));

        Assert.Equal((MediaTypeSchemaAddedOrRemoved.RequestRemoved, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_that_lost_its_schema_may_break_readers()
    {
        var change = Assert.Single(Run<MediaTypeSchemaAddedOrRemoved>(Orders(Shape, Shape), Orders(Shape, "")));

        Assert.Equal((MediaTypeSchemaAddedOrRemoved.ResponseRemoved, ChangeLevel.Warn), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_that_gained_a_schema_is_news()
    {
        var change = Assert.Single(Run<MediaTypeSchemaAddedOrRemoved>(Orders(Shape, ""), Orders(Shape, Shape)));

        Assert.Equal((MediaTypeSchemaAddedOrRemoved.ResponseAdded, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
