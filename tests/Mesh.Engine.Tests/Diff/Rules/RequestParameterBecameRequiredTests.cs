using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestParameterBecameRequiredTests
{
    private static string Limit(bool required) => Orders($"parameters: [ {{ name: limit, in: query, required: {(required ? "true" : "false")}, schema: {{ type: integer }} }} ]");

    [Fact]
    public void A_parameter_that_became_required_breaks_clients_that_leave_it_out()
    {
        var change = Assert.Single(Run<RequestParameterBecameRequired>(Limit(false), Limit(true)));

        Assert.Equal((RequestParameterBecameRequired.BecameRequired, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("query parameter 'limit' of GET /orders became required", change.Message);
        Assert.Equal(("optional", "required"), (change.Before, change.After));
    }

    [Fact]
    public void A_parameter_that_became_optional_is_news()
    {
        var change = Assert.Single(Run<RequestParameterBecameRequired>(Limit(true), Limit(false)));

        Assert.Equal((RequestParameterBecameRequired.BecameOptional, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
