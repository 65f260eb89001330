using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.RequestBodies;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestBodyRemovedTests
{
    [Fact]
    public void Removing_the_request_body_breaks_clients_that_send_one()
    {
        var change = Assert.Single(Run<RequestBodyRemoved>(CreateOrder(false, "application/json"), CreateOrder(null)));

        Assert.Equal((RequestBodyRemoved.Id, ChangeLevel.Err, "the request body of POST /orders was removed"), (change.Rule, change.Level, change.Message));
    }
}
