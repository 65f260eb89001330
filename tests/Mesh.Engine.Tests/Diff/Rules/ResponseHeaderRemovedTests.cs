using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.ResponseHeaderSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseHeaderRemovedTests
{
    [Fact]
    public void Removing_a_required_header_breaks_clients_that_read_it()
    {
        var change = Assert.Single(Run<ResponseHeaderRemoved>(ListOrders("X-Total-Count: { required: true, schema: { type: integer } }"), ListOrders()));

        Assert.Equal((ResponseHeaderRemoved.RequiredRemoved, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal(("response 200 header X-Total-Count", "required header 'X-Total-Count' of response 200 of GET /orders was removed"), (change.Location, change.Message));
    }

    [Fact]
    public void Removing_an_optional_header_may_break_clients_that_read_it()
    {
        var change = Assert.Single(Run<ResponseHeaderRemoved>(ListOrders("X-Total-Count: { schema: { type: integer } }"), ListOrders()));

        Assert.Equal((ResponseHeaderRemoved.OptionalRemoved, ChangeLevel.Warn), (change.Rule, change.Level));
    }

    [Fact]
    public void Header_names_ignore_case()
    {
        Assert.Empty(Run(ListOrders("X-Total-Count: { schema: { type: integer } }"), ListOrders("x-total-count: { schema: { type: integer } }")));
    }
}
