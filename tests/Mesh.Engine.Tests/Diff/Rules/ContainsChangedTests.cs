using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ContainsChangedTests
{
    private static string Tags(string contains) => """{"type":"array","items":{"type":"string"}""" + contains + "}";

    [Fact]
    public void Requiring_a_matching_item_in_a_request_breaks_clients()
    {
        var change = Assert.Single(Between(RequestBody(Property(Tags(""))), RequestBody(Property(Tags(""","contains":{"const":"primary"}""")))));

        Assert.Equal(("request-property-contains-added", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_no_longer_guaranteeing_a_matching_item_may_break_clients()
    {
        var change = Assert.Single(Between(ResponseBody(Tags(""","contains":{"const":"primary"}""")), ResponseBody(Tags(""))));

        Assert.Equal(("response-body-contains-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void More_required_matches_break_requests_and_fewer_guaranteed_ones_break_responses()
    {
        var one = Tags(""","contains":{"const":"a"}""");
        var two = Tags(""","contains":{"const":"a"},"minContains":2""");

        var request = Assert.Single(Between(RequestBody(one), RequestBody(two)));
        var response = Assert.Single(Between(ResponseBody(two), ResponseBody(one)));

        Assert.Equal(("request-body-min-contains-increased", ChangeLevel.Err, "1", "2"), (request.Rule, request.Level, request.Before, request.After));
        Assert.Equal(("response-body-min-contains-decreased", ChangeLevel.Err), (response.Rule, response.Level));
    }

    [Fact]
    public void A_new_maximum_of_matches_narrows_and_dropping_it_widens()
    {
        var open = Tags(""","contains":{"const":"a"}""");
        var capped = Tags(""","contains":{"const":"a"},"maxContains":3""");

        var request = Assert.Single(Between(RequestBody(open), RequestBody(capped)));
        var response = Assert.Single(Between(ResponseBody(capped), ResponseBody(open)));

        Assert.Equal(("request-body-max-contains-decreased", ChangeLevel.Err, "no limit", "3"), (request.Rule, request.Level, request.Before, request.After));
        Assert.Equal(("response-body-max-contains-increased", ChangeLevel.Err), (response.Rule, response.Level));
    }

    [Fact]
    public void Counts_without_contains_have_no_effect()
    {
        Assert.Empty(Between(RequestBody(Tags(""","minContains":1""")), RequestBody(Tags(""","minContains":4"""))));
    }
}
