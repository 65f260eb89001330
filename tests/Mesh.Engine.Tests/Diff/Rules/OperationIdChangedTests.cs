using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class OperationIdChangedTests
{
    [Fact]
    public void A_renamed_operation_id_is_reported_with_both_names()
    {
        var change = Assert.Single(Run<OperationIdChanged>(Orders("operationId: listOrders"), Orders("operationId: getOrders")));

        Assert.Equal((OperationIdChanged.Removed, ChangeLevel.Info), (change.Rule, change.Level));
        Assert.Equal("operation id of GET /orders changed from 'listOrders' to 'getOrders'", change.Message);
    }

    [Fact]
    public void A_new_operation_id_is_news()
    {
        var change = Assert.Single(Run<OperationIdChanged>(Orders(), Orders("operationId: listOrders")));

        Assert.Equal(OperationIdChanged.Added, change.Rule);
    }
}
