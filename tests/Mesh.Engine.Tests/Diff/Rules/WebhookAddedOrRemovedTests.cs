using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.DocumentSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class WebhookAddedOrRemovedTests
{
    private static string Webhooks(params string[] names) => Orders("webhooks:\n" + string.Concat(names.Select(n =>
        $"  {n}:\n    post:\n      requestBody: {{ content: {{ application/json: {{ schema: {{ type: object }} }} }} }}\n      responses: {{ '200': {{ description: ok }} }}\n")));

    [Fact]
    public void A_removed_webhook_breaks_its_subscribers_and_a_new_one_is_news()
    {
        var changes = Run(Webhooks("orderCreated", "orderDeleted"), Webhooks("orderCreated", "orderUpdated"));

        Assert.Equal([(WebhookAddedOrRemoved.Added, ChangeLevel.Info), (WebhookAddedOrRemoved.Removed, ChangeLevel.Err)], changes.Select(c => (c.Rule, c.Level)).Order());
        var removed = changes.Single(c => c.Rule == WebhookAddedOrRemoved.Removed);
        Assert.Equal(("openapi.yaml", "webhooks orderDeleted", "", ""), (removed.File, removed.Location, removed.Method, removed.Path));
        Assert.Equal("webhook 'orderDeleted' of openapi.yaml was removed: its subscribers no longer get it", removed.Message);
    }
}
