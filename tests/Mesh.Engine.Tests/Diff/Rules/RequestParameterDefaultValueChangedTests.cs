using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestParameterDefaultValueChangedTests
{
    private static string Limit(string schemaExtras) => Orders($"parameters: [ {{ name: limit, in: query, schema: {{ type: integer{schemaExtras} }} }} ]");

    [Fact]
    public void A_changed_default_changes_what_clients_that_leave_the_parameter_out_get()
    {
        var change = Assert.Single(Run<RequestParameterDefaultValueChanged>(Limit(", default: 20"), Limit(", default: 50")));

        Assert.Equal((RequestParameterDefaultValueChanged.Changed, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("default value of query parameter 'limit' of GET /orders changed from 20 to 50", change.Message);
    }

    [Fact]
    public void Adding_or_removing_a_default_is_reported()
    {
        Assert.Equal(RequestParameterDefaultValueChanged.Added, Assert.Single(Run<RequestParameterDefaultValueChanged>(Limit(""), Limit(", default: 20"))).Rule);
        Assert.Equal(RequestParameterDefaultValueChanged.Removed, Assert.Single(Run<RequestParameterDefaultValueChanged>(Limit(", default: 20"), Limit(""))).Rule);
    }
}
