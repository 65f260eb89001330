using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseMediaTypeChangedTests
{
    private static string ListOrders(params (string Type, string Schema)[] content) => Document(
        "/orders:\n  get:\n    responses:\n      '200':\n        description: ok\n        content:\n" +
        string.Concat(content.Select(c => $"          {c.Type}: {{ schema: {c.Schema} }}\n")).TrimEnd('\n'));

    [Fact]
    public void A_media_type_no_longer_returned_breaks_clients_that_ask_for_it()
    {
        var change = Assert.Single(Run<ResponseMediaTypeChanged>(ListOrders(("application/json", "{ type: array }"), ("text/csv", "{ type: string }")), ListOrders(("application/json", "{ type: array }"))));

        Assert.Equal((ResponseMediaTypeChanged.Removed, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 of GET /orders no longer comes as media type text/csv", change.Message);
    }

    [Fact]
    public void A_new_media_type_is_news_and_its_schema_is_not_compared_with_another_type_s()
    {
        var changes = Run(ListOrders(("text/csv", "{ type: string }")), ListOrders(("application/json", "{ type: array }"), ("text/csv", "{ type: string }")));

        var change = Assert.Single(changes);
        Assert.Equal((ResponseMediaTypeChanged.Added, ChangeLevel.Info), (change.Rule, change.Level));
    }
}
