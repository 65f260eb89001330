using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.DocumentSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ComponentSchemaRemovedTests
{
    [Fact]
    public void A_component_schema_no_operation_used_going_away_is_news()
    {
        var before = Orders("components:\n  schemas:\n    Legacy: { type: object }\n    Money: { type: number }");
        var after = Orders("components:\n  schemas:\n    Money: { type: number }");

        var change = Assert.Single(Run(before, after));

        Assert.Equal((ComponentSchemaRemoved.Removed, ChangeLevel.Info, "components schemas Legacy"), (change.Rule, change.Level, change.Location));
    }
}
