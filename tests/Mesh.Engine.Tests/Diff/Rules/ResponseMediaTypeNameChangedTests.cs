using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseMediaTypeNameChangedTests
{
    private static string ListOrders(string mediaType) => Document(
        $"/orders:\n  get:\n    responses:\n      '200':\n        description: ok\n        content:\n          '{mediaType}': {{ schema: {{ type: string }} }}");

    [Fact]
    public void A_response_media_type_that_becomes_a_wildcard_may_send_what_readers_cannot_parse()
    {
        var change = Assert.Single(Run(ListOrders("text/csv"), ListOrders("text/*")));

        Assert.Equal((ResponseMediaTypeNameChanged.Generalized, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("media type text/csv of response 200 of GET /orders became the wider text/*", change.Message);
    }

    [Fact]
    public void A_wildcard_that_becomes_one_media_type_is_news()
    {
        var change = Assert.Single(Run(ListOrders("text/*"), ListOrders("text/csv")));

        Assert.Equal((ResponseMediaTypeNameChanged.Specialized, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void New_media_type_parameters_are_a_renaming_not_a_removal()
    {
        var change = Assert.Single(Run(ListOrders("text/csv; charset=utf-8"), ListOrders("text/csv; charset=ascii")));

        Assert.Equal((ResponseMediaTypeNameChanged.Changed, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void Unrelated_media_types_are_still_a_removal_and_an_addition()
    {
        var changes = Run(ListOrders("text/csv"), ListOrders("application/xml"));

        Assert.Equal([ResponseMediaTypeChanged.Added, ResponseMediaTypeChanged.Removed], changes.Select(c => c.Rule).Order(StringComparer.Ordinal));
    }
}
