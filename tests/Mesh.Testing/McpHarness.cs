using System.IO.Pipelines;
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

    private McpHarness(IHost host, CancellationTokenSource stop, Task running, McpClient client)
    {
        _host = host;
        _stop = stop;
        _running = running;
        Client = client;
    }

    public McpClient Client { get; }

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
        var client = await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "mesh-tests", Version = "1.0" },
            ProtocolVersion = protocolVersion,
        });
        return new McpHarness(host, stop, running, client);
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
