using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

/// <summary>
/// Sends progress notifications in order and awaits each one, so all of them reach the client before the tool's
/// result. (The SDK's injected IProgress sends fire-and-forget; under the 2025-11-25 era the client dropped
/// notifications that arrived after the result.) Values that do not increase are dropped, as the spec requires.
/// Without a progress token from the client, it sends nothing.
/// </summary>
public sealed class ProgressPump : IProgress<ProgressNotificationValue>, IAsyncDisposable
{
    private readonly Channel<ProgressNotificationValue> _queue = Channel.CreateUnbounded<ProgressNotificationValue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sending;

    public ProgressPump(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var token = request.Params?.ProgressToken;
        _sending = token is null ? Drain() : Send(request.Server, token.Value, cancellationToken);
    }

    public void Report(ProgressNotificationValue value) => _queue.Writer.TryWrite(value);

    private async Task Send(McpServer server, ProgressToken token, CancellationToken cancellationToken)
    {
        var last = float.NegativeInfinity;
        await foreach (var value in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (value.Progress <= last) continue;
            last = value.Progress;
            try
            {
                await server.NotifyProgressAsync(token, value, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // A client that went away or cancelled needs no more progress; the tool's own outcome is unaffected.
                await Drain();
                return;
            }
        }
    }

    private async Task Drain()
    {
        await foreach (var _ in _queue.Reader.ReadAllAsync(CancellationToken.None)) { }
    }

    /// <summary>Completes the queue and waits until every notification was sent.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sending;
    }
}
