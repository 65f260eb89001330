using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.RequestBodies;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestBodyBecameRequiredTests
{
    [Fact]
    public void A_request_body_that_became_required_breaks_clients_that_send_none()
    {
        var change = Assert.Single(Run<RequestBodyBecameRequired>(CreateOrder(false, "application/json"), CreateOrder(true, "application/json")));

        Assert.Equal((RequestBodyBecameRequired.BecameRequired, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("the request body of POST /orders became required", change.Message);
    }

    [Fact]
    public void A_request_body_that_became_optional_is_news()
    {
        var change = Assert.Single(Run<RequestBodyBecameRequired>(CreateOrder(true, "application/json"), CreateOrder(false, "application/json")));

        Assert.Equal((RequestBodyBecameRequired.BecameOptional, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
