using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.RequestBodies;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestBodyAddedTests
{
    [Fact]
    public void A_new_required_request_body_breaks_clients_that_send_none()
    {
        var change = Assert.Single(Run<RequestBodyAdded>(CreateOrder(null), CreateOrder(true, "application/json")));

        Assert.Equal((RequestBodyAdded.AddedRequired, ChangeLevel.Err, "POST /orders now requires a request body"), (change.Rule, change.Level, change.Message));
    }

    [Fact]
    public void A_new_optional_request_body_is_news()
    {
        var change = Assert.Single(Run<RequestBodyAdded>(CreateOrder(null), CreateOrder(false, "application/json")));

        Assert.Equal((RequestBodyAdded.AddedOptional, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
