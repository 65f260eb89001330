using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mesh.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools.Tests;

public sealed class ResourceNotificationTests : ToolTestBase
{
    private const string Apis = "mesh://repos/orders/apis";
    private const string Context = "mesh://repos/orders/context.md";

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task A_subscribed_resource_is_announced_after_a_reindex_changes_its_repo(string? era)
    {
        await using var mcp = await Connect(era);
        await Call(mcp.Client, "reindex");

        var (updated, subscription, listSubscription) = await UpdatesAfterAddingDelete(mcp.Client, era, Apis);

        Assert.Equal([(Apis, subscription)], updated);
        Assert.Equal(subscription, listSubscription);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task A_subscribed_context_document_is_announced_after_a_reindex_changes_it(string? era)
    {
        await using var mcp = await Connect(era);
        await Call(mcp.Client, "reindex");
        var before = await TextOf(mcp.Client, Context);

        var (updated, subscription, _) = await UpdatesAfterAddingDelete(mcp.Client, era, Context);
        var after = await TextOf(mcp.Client, Context);

        Assert.Equal([(Context, subscription)], updated);
        Assert.DoesNotContain("DELETE /orders/{id}", before, StringComparison.Ordinal);
        Assert.Contains("DELETE /orders/{id}", after, StringComparison.Ordinal);
    }

    /// <summary>Follows <paramref name="uri"/>, commits a new operation in orders and re-indexes: the updates received (distinct), the subscription id, and the list change's.</summary>
    private async Task<(IReadOnlyList<(string Uri, string? Subscription)> Updated, string? Subscription, string? ListSubscription)> UpdatesAfterAddingDelete(
        McpClient client, string? era, string uri)
    {
        var updated = new ConcurrentQueue<(string Uri, string? Subscription)>();
        var listChanged = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var listHandler = client.RegisterNotificationHandler(NotificationMethods.ResourceListChangedNotification, (n, _) =>
        {
            listChanged.TrySetResult(SubscriptionOf(n.Params));
            return ValueTask.CompletedTask;
        });
        await using var updateHandler = client.RegisterNotificationHandler(NotificationMethods.ResourceUpdatedNotification, (n, _) =>
        {
            updated.Enqueue((n.Params!["uri"]!.GetValue<string>(), SubscriptionOf(n.Params)));
            firstUpdate.TrySetResult();
            return ValueTask.CompletedTask;
        });
        using var listening = new CancellationTokenSource();
        var subscription = await Subscribe(client, era, uri, listening.Token);

        Orders.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete).Commit("add delete");
        await Call(client, "reindex");
        var listSubscription = await listChanged.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // Notification handlers may run concurrently: the update can land just after the list change.
        await firstUpdate.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await listening.CancelAsync();
        return ([.. updated.Distinct()], subscription, listSubscription);
    }

    private static async Task<string> TextOf(McpClient client, string uri) =>
        string.Concat((await client.ReadResourceAsync(uri)).Contents.OfType<TextResourceContents>().Select(c => c.Text));

    /// <summary>2025-11-25: resources/subscribe. 2026-07-28: a subscriptions/listen request held open; updates carry its id.</summary>
    private static async Task<string?> Subscribe(McpClient client, string? era, string uri, CancellationToken listening)
    {
        if (era == "2025-11-25")
        {
            await client.SubscribeToResourceAsync(uri);
            return null;
        }
        var acknowledged = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ack = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) =>
        {
            acknowledged.TrySetResult(SubscriptionOf(n.Params));
            return ValueTask.CompletedTask;
        });
        var request = new JsonRpcRequest
        {
            Id = new RequestId("listen-1"),
            Method = RequestMethods.SubscriptionsListen,
            Params = new JsonObject { ["notifications"] = new JsonObject { ["resourcesListChanged"] = true, ["resourceSubscriptions"] = new JsonArray(uri) } },
        };
        _ = client.SendRequestAsync(request, listening);
        return await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static string? SubscriptionOf(JsonNode? parameters) =>
        parameters?["_meta"]?["io.modelcontextprotocol/subscriptionId"]?.GetValue<string>();
}
