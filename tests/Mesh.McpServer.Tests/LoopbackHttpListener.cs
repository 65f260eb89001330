using System.Net;
using System.Net.Sockets;

namespace Mesh.McpServer.Tests;

/// <summary>
/// An <see cref="HttpListener"/> on a free loopback port that hands each request to <c>answer</c>, one at a time or each
/// on its own task, until disposed. The test servers (fake GitHub, git over HTTP) are built on it.
/// </summary>
public sealed class LoopbackHttpListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public LoopbackHttpListener(Func<HttpListenerContext, Task> answer, bool concurrent)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(() => ServeAsync(answer, concurrent));
    }

    /// <summary>The base URL, ending in '/'.</summary>
    public string Url { get; }

    private async Task ServeAsync(Func<HttpListenerContext, Task> answer, bool concurrent)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            if (concurrent) _ = Task.Run(() => answer(context));
            else await answer(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
