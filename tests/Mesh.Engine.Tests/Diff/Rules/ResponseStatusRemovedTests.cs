using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseStatusRemovedTests
{
    internal static string GetOrder(params string[] statuses) => Document(
        "/orders/{id}:\n  get:\n    parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]\n    responses:\n" +
        string.Concat(statuses.Select(s => $"      '{s}': {{ description: status {s} }}\n")).TrimEnd('\n'));

    [Fact]
    public void A_removed_success_status_breaks_clients_that_handle_it()
    {
        var change = Assert.Single(Run<ResponseStatusRemoved>(GetOrder("200", "404"), GetOrder("204", "404")));

        Assert.Equal((ResponseStatusRemoved.SuccessRemoved, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal(("response 200", "GET /orders/{id} no longer returns status 200"), (change.Location, change.Message));
    }

    [Fact]
    public void A_removed_error_status_is_news()
    {
        var change = Assert.Single(Run<ResponseStatusRemoved>(GetOrder("200", "404"), GetOrder("200")));

        Assert.Equal((ResponseStatusRemoved.NonSuccessRemoved, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
