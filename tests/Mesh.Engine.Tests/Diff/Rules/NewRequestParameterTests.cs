using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class NewRequestParameterTests
{
    [Fact]
    public void A_new_required_parameter_breaks_clients_that_do_not_send_it()
    {
        var change = Assert.Single(Run<NewRequestParameter>(Orders(), Orders("parameters: [ { name: X-Tenant, in: header, required: true, schema: { type: string } } ]")));

        Assert.Equal((NewRequestParameter.Required, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("GET /orders has a new required header parameter 'X-Tenant'", change.Message);
    }

    [Fact]
    public void A_new_optional_parameter_is_news()
    {
        var change = Assert.Single(Run<NewRequestParameter>(Orders(), Orders("parameters: [ { name: limit, in: query, schema: { type: integer } } ]")));

        Assert.Equal((NewRequestParameter.Optional, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
