using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class NewRequestDefaultParameterTests
{
    private static string Orders(string pathParameters = "") => Document(
        "/orders:\n" + (pathParameters == "" ? "" : $"  parameters: [ {pathParameters} ]\n") +
        "  get:\n    responses: { '200': { description: ok } }\n  post:\n    responses: { '200': { description: ok } }");

    [Fact]
    public void A_required_parameter_declared_for_the_whole_path_breaks_every_operation_of_it()
    {
        var changes = Run(Orders(), Orders("{ name: tenant, in: header, required: true, schema: { type: string } }"));

        Assert.Equal([("GET", NewRequestDefaultParameter.Required), ("POST", NewRequestDefaultParameter.Required)], changes.Select(c => (c.Method, c.Rule)));
        Assert.All(changes, c => Assert.Equal(ChangeLevel.Err, c.Level));
        Assert.Equal("GET /orders takes a new required header parameter 'tenant', declared for every operation of the path", changes[0].Message);
    }

    [Fact]
    public void An_optional_one_is_news()
    {
        var changes = Run(Orders(), Orders("{ name: trace, in: query, schema: { type: string } }"));

        Assert.All(changes, c => Assert.Equal((NewRequestDefaultParameter.Optional, ChangeLevel.Info), (c.Rule, c.Level)));
        Assert.Equal(2, changes.Count);
    }
}
