using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.ResponseHeaderSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class ResponseHeaderBecameOptionalTests
{
    [Fact]
    public void A_header_that_became_optional_breaks_clients_that_count_on_it()
    {
        var change = Assert.Single(Run<ResponseHeaderBecameOptional>(ListOrders("ETag: { required: true, schema: { type: string } }"), ListOrders("ETag: { schema: { type: string } }")));

        Assert.Equal((ResponseHeaderBecameOptional.BecameOptional, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("header 'ETag' of response 200 of GET /orders became optional", change.Message);
    }

    [Fact]
    public void A_header_that_became_required_is_news()
    {
        var change = Assert.Single(Run<ResponseHeaderBecameOptional>(ListOrders("ETag: { schema: { type: string } }"), ListOrders("ETag: { required: true, schema: { type: string } }")));

        Assert.Equal((ResponseHeaderBecameOptional.BecameRequired, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_header_whose_type_changed_is_compared_like_any_schema()
    {
        var change = Assert.Single(Run(ListOrders("X-Rate-Limit: { schema: { type: integer } }"), ListOrders("X-Rate-Limit: { schema: { type: string } }")));

        Assert.Equal(("response-header-type-changed", "response 200 header X-Rate-Limit"), (change.Rule, change.Location));
    }
}
