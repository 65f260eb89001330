using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.ResponseHeaderSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseHeaderAddedTests
{
    [Fact]
    public void A_new_header_is_news()
    {
        var change = Assert.Single(Run<ResponseHeaderAdded>(ListOrders(), ListOrders("ETag: { required: true, schema: { type: string } }")));

        Assert.Equal((ResponseHeaderAdded.Id, ChangeLevel.Info), (change.Rule, change.Level));
        Assert.Equal("response 200 of GET /orders has a new required header 'ETag'", change.Message);
    }
}
