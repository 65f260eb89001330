using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.RequestBodies;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestBodyMediaTypeChangedTests
{
    [Fact]
    public void A_media_type_no_longer_accepted_breaks_clients_that_send_it()
    {
        var change = Assert.Single(Run<RequestBodyMediaTypeChanged>(CreateOrder(true, "application/json", "application/xml"), CreateOrder(true, "application/json")));

        Assert.Equal((RequestBodyMediaTypeChanged.Removed, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("POST /orders no longer accepts a request body of media type application/xml", change.Message);
    }

    [Fact]
    public void A_newly_accepted_media_type_is_news()
    {
        var change = Assert.Single(Run<RequestBodyMediaTypeChanged>(CreateOrder(true, "application/json"), CreateOrder(true, "application/json", "text/csv")));

        Assert.Equal((RequestBodyMediaTypeChanged.Added, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
