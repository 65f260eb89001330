using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyStabilityChangedTests
{
    private static string Note(string? stability) => stability is null
        ? """{"type": "object", "properties": {"note": {"type": "string"}}}"""
        : "{\"type\": \"object\", \"properties\": {\"note\": {\"type\": \"string\", \"x-stability-level\": \"" + stability + "\"}}}";

    [Fact]
    public void A_stable_request_property_that_becomes_beta_breaks_the_promise()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Note(null), Note("beta")), c => c.Rule.Contains("stability", StringComparison.Ordinal));

        Assert.Equal(("request-property-stability-decreased", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("stability of request body property 'note' decreased from stable to beta", change.Message);
    }

    [Fact]
    public void A_response_property_that_becomes_more_stable_is_news()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Note("alpha"), Note("beta")));

        Assert.Equal(("response-property-stability-increased", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void The_other_direction_on_each_side_has_its_own_id()
    {
        Assert.Equal("response-property-stability-decreased", Assert.Single(SchemaChanges.OfResponseBody(Note("beta"), Note("alpha"))).Rule);
        Assert.Equal("request-property-stability-increased", Assert.Single(SchemaChanges.OfRequestBody(Note("draft"), Note("alpha"))).Rule);
    }

    [Fact]
    public void A_change_from_a_level_below_the_threshold_is_not_reported()
    {
        var before = SchemaChanges.Document(request: Note("draft"));
        var after = SchemaChanges.Document(request: Note("alpha"));

        var changes = SpecDiff.Run(before, after, new DiffOptions { Today = SpecDiff.Today, MinStability = StabilityLevel.Beta });

        Assert.DoesNotContain(changes, c => c.Rule.Contains("stability", StringComparison.Ordinal));
    }
}
