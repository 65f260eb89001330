using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.ResponseStatusRemovedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseStatusAddedTests
{
    [Fact]
    public void New_statuses_are_news_split_by_success()
    {
        var changes = Run<ResponseStatusAdded>(GetOrder("200"), GetOrder("200", "202", "429"));

        Assert.Equal(
            [(ResponseStatusAdded.SuccessAdded, "GET /orders/{id} may now return status 202"), (ResponseStatusAdded.NonSuccessAdded, "GET /orders/{id} may now return status 429")],
            changes.Select(c => (c.Rule, c.Message)));
        Assert.All(changes, c => Assert.Equal(ChangeLevel.Info, c.Level));
    }
}
