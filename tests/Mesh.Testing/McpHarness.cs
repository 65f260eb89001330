using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using Mesh.Engine.Indexing;
using Mesh.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.Testing;

/// <summary>
/// The real Mesh MCP server and the SDK's real client in one process, joined by pipes: the whole protocol runs,
/// only the process boundary is missing.
/// </summary>
public sealed class McpHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private McpHarness(IHost host, CancellationTokenSource stop, Task running, McpClient client, ConcurrentQueue<ProgressNotificationParams> progress)
    {
        Progress = progress;
        _host = host;
        _stop = stop;
        _running = running;
        Client = client;
    }

    public McpClient Client { get; }

    /// <summary>Every notifications/progress the client received, in arrival order, whatever request it belongs to.</summary>
    public ConcurrentQueue<ProgressNotificationParams> Progress { get; }

    /// <param name="protocolVersion">null: the client's default (the newest era); or e.g. "2025-11-25".</param>
    public static async Task<McpHarness> StartAsync(WorkspaceIndex index, string? protocolVersion = null)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(index);
        builder.Services.AddMcpServer(MeshServer.Configure)
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .WithMeshTools();
        var host = builder.Build();
        var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
        var progress = new ConcurrentQueue<ProgressNotificationParams>();
        var client = await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "mesh-tests", Version = "1.0" },
            ProtocolVersion = protocolVersion,
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.ProgressNotification, (notification, _) =>
                    {
                        if (notification.Params is { } json && json.Deserialize<ProgressNotificationParams>(ModelContextProtocol.McpJsonUtilities.DefaultOptions) is { } value)
                            progress.Enqueue(value);
                        return ValueTask.CompletedTask;
                    }),
                ],
            },
        });
        return new McpHarness(host, stop, running, client, progress);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        await _running;
        _host.Dispose();
        _stop.Dispose();
    }
}
