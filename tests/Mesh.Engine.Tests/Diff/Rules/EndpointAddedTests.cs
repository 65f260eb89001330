using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class EndpointAddedTests
{
    [Fact]
    public void A_new_operation_is_news()
    {
        var before = Document("""
            /orders:
              get:
                responses: { '200': { description: ok } }
            """);
        var after = Document("""
            /orders:
              get:
                responses: { '200': { description: ok } }
              post:
                responses: { '201': { description: created } }
            """);

        var change = Assert.Single(Run<EndpointAdded>(before, after));

        Assert.Equal((EndpointAdded.Id, ChangeLevel.Info, "POST /orders was added"), (change.Rule, change.Level, change.Message));
    }
}
