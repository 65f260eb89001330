using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using Mesh.Engine.Indexing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

/// <summary>
/// Remembers which session subscribed to which resource and, after every index, tells each session which of its
/// resources changed (<c>notifications/resources/updated</c>) and that the list may have changed
/// (<c>notifications/resources/list_changed</c>). One per server process; sessions come and go.
/// </summary>
public sealed class ResourceNotifier : IDisposable
{
    private readonly WorkspaceIndex _index;
    private readonly ConcurrentDictionary<McpServer, ConcurrentDictionary<string, byte>> _sessions = new();

    /// <summary>2026-07-28 listen streams: each with its subscription id, the resources it follows, and whether it wants list changes.</summary>
    private readonly ConcurrentDictionary<Listener, byte> _listeners = new();

    private sealed record Listener(McpServer Server, string SubscriptionId, IReadOnlySet<string> Uris, bool ListChanged);

    private const string SubscriptionIdKey = "io.modelcontextprotocol/subscriptionId";

    public ResourceNotifier(WorkspaceIndex index)
    {
        _index = index;
        _index.Indexed += OnIndexed;
    }

    public void Dispose() => _index.Indexed -= OnIndexed;

    public static ValueTask<EmptyResult> Subscribe(RequestContext<SubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        var notifier = context.Services!.GetRequiredService<ResourceNotifier>();
        var uri = context.Params?.Uri ?? throw new ModelContextProtocol.McpProtocolException("subscribe needs a uri", ModelContextProtocol.McpErrorCode.InvalidParams);
        notifier._sessions.GetOrAdd(context.Server, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[uri] = 0;
        return ValueTask.FromResult(new EmptyResult());
    }

    public static ValueTask<EmptyResult> Unsubscribe(RequestContext<UnsubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        var notifier = context.Services!.GetRequiredService<ResourceNotifier>();
        if (context.Params?.Uri is { } uri && notifier._sessions.TryGetValue(context.Server, out var uris)) uris.TryRemove(uri, out _);
        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>
    /// <c>subscriptions/listen</c> (protocol 2026-07-28): acknowledges what Mesh will send, then holds the request open
    /// while updates flow on it, each tagged with the subscription id (the listen request's id), until the client cancels.
    /// </summary>
    public static async ValueTask<EmptyResult> Listen(RequestContext<SubscriptionsListenRequestParams> context, CancellationToken cancellationToken)
    {
        var notifier = context.Services!.GetRequiredService<ResourceNotifier>();
        var wanted = context.Params?.Notifications;
        var uris = (wanted?.ResourceSubscriptions ?? []).Where(u => u.StartsWith("mesh://", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var listChanged = wanted?.ResourcesListChanged == true;
        var id = context.JsonRpcRequest.Id.ToString();
        var agreed = new SubscriptionsListenNotifications
        {
            ResourcesListChanged = listChanged ? true : null,
            ResourceSubscriptions = uris.Count == 0 ? null : [.. uris.Order(StringComparer.Ordinal)],
        };
        var acknowledged = new JsonObject
        {
            ["notifications"] = JsonSerializer.SerializeToNode(agreed, McpJsonUtilities.DefaultOptions),
            ["_meta"] = Tag(id),
        };
        await context.Server.SendNotificationAsync(NotificationMethods.SubscriptionsAcknowledgedNotification, acknowledged, McpJsonUtilities.DefaultOptions, cancellationToken).ConfigureAwait(false);
        var listener = new Listener(context.Server, id, uris, listChanged);
        notifier._listeners[listener] = 0;
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client ended the subscription.
        }
        finally
        {
            notifier._listeners.TryRemove(listener, out _);
        }
        return new EmptyResult();
    }

    private static JsonObject Tag(string subscriptionId) => new() { [SubscriptionIdKey] = subscriptionId };

    /// <summary>Links can move after any repo's index, so every repo's context and the graph are announced; surfaces only for re-indexed repos.</summary>
    private void OnIndexed(IndexReport report)
    {
        var changed = report.Repos.Where(r => r.Status == RepoIndexStatus.Indexed).Select(r => r.Repo).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0) return;
        var uris = new HashSet<string>(StringComparer.Ordinal) { "mesh://repos", "mesh://graph" };
        foreach (var repo in changed) uris.Add($"mesh://repos/{repo}/apis");
        foreach (var repo in _index.Workspace.RepoNames) uris.Add(ContextResources.Uri(repo));
        foreach (var (server, subscribed) in _sessions)
            _ = NotifyAsync(server, [.. subscribed.Keys.Where(uris.Contains).Order(StringComparer.Ordinal)], listChanged: true, null, () => _sessions.TryRemove(server, out _));
        foreach (var listener in _listeners.Keys)
            _ = NotifyAsync(listener.Server, [.. listener.Uris.Where(uris.Contains).Order(StringComparer.Ordinal)], listener.ListChanged, listener.SubscriptionId,
                () => _listeners.TryRemove(listener, out _));
    }

    private static async Task NotifyAsync(McpServer server, IReadOnlyList<string> uris, bool listChanged, string? subscriptionId, Action forget)
    {
        try
        {
            foreach (var uri in uris)
                await server.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification,
                    new ResourceUpdatedNotificationParams { Uri = uri, Meta = subscriptionId is null ? null : Tag(subscriptionId) }, McpJsonUtilities.DefaultOptions).ConfigureAwait(false);
            if (listChanged)
                await server.SendNotificationAsync(NotificationMethods.ResourceListChangedNotification,
                    subscriptionId is null ? new JsonObject() : new JsonObject { ["_meta"] = Tag(subscriptionId) }, McpJsonUtilities.DefaultOptions).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // The session has gone: forget it.
            forget();
        }
    }
}
