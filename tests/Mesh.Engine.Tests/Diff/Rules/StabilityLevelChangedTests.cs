using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class StabilityLevelChangedTests
{
    [Fact]
    public void Lowering_stability_breaks_the_promise_made_to_clients()
    {
        var change = Assert.Single(Run<StabilityLevelChanged>(Orders("x-stability-level: beta"), Orders("x-stability-level: alpha")));

        Assert.Equal((StabilityLevelChanged.Decreased, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("stability of GET /orders decreased from beta to alpha", change.Message);
    }

    [Fact]
    public void Raising_stability_is_news()
    {
        var change = Assert.Single(Run<StabilityLevelChanged>(Orders("x-stability-level: draft"), Orders("x-stability-level: stable")));

        Assert.Equal((StabilityLevelChanged.Increased, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void An_operation_that_declared_no_level_may_take_any()
    {
        Assert.Empty(Run<StabilityLevelChanged>(Orders(), Orders("x-stability-level: alpha")));
    }

    [Fact]
    public void An_unknown_level_is_reported_with_the_valid_ones()
    {
        var change = Assert.Single(Run<StabilityLevelChanged>(Orders(), Orders("x-stability-level: ga")));

        Assert.Equal((StabilityLevelChanged.Invalid, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("x-stability-level 'ga' of GET /orders is not a stability level; valid: draft, alpha, beta, stable", change.Message);
    }

    /// <summary>GET /orders at a stability level, answering 200 with a body of <paramref name="type"/>.</summary>
    private static string Count(string level, string type) => Document(
        $"/orders/count:\n  get:\n    x-stability-level: {level}\n    responses:\n      '200':\n        description: ok\n" +
        $"        content: {{ application/json: {{ schema: {{ type: {type} }} }} }}");

    [Fact]
    public void Breaking_changes_to_an_alpha_operation_are_only_news()
    {
        var change = Assert.Single(Run(Count("alpha", "integer"), Count("alpha", "string")));

        Assert.Equal(("response-body-type-changed", ChangeLevel.Info), (change.Rule, change.Level));
        Assert.EndsWith("(the operation is alpha: no compatibility promised)", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_below_the_minimum_stability_are_not_reported()
    {
        var (before, after) = (Count("beta", "integer"), Count("beta", "string"));

        Assert.Empty(Run(before, after, new DiffOptions { Today = Today, MinStability = StabilityLevel.Stable }));
        Assert.Equal(ChangeLevel.Err, Assert.Single(Run(before, after, new DiffOptions { Today = Today, MinStability = StabilityLevel.Beta })).Level);
    }
}
