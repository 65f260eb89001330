using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class TagChangedTests
{
    [Fact]
    public void Tags_moved_between_groups_are_reported_one_by_one()
    {
        var changes = Run<TagChanged>(Orders("tags: [orders, legacy]"), Orders("tags: [orders, sales]"));

        Assert.Equal(
            [(TagChanged.Removed, "tag 'legacy' was removed from GET /orders"), (TagChanged.Added, "tag 'sales' was added to GET /orders")],
            changes.Select(c => (c.Rule, c.Message)).OrderBy(c => c.Message, StringComparer.Ordinal));
    }
}
