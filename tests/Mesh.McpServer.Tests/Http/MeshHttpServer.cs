using System.Net.Http.Headers;
using System.Text;
using Mesh.Engine.Indexing;
using Mesh.McpServer.Http;
using Microsoft.AspNetCore.Builder;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.McpServer.Tests.Http;

/// <summary>The real HTTP host on a free port (Kestrel, port 0), with the SDK's HTTP client and a plain HttpClient to probe it.</summary>
public sealed class MeshHttpServer : IAsyncDisposable
{
    private MeshHttpServer(WebApplication app, Uri baseUri)
    {
        App = app;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    /// <summary>e.g. http://127.0.0.1:41234/ (the port Kestrel picked).</summary>
    public Uri BaseUri { get; }

    public Uri McpUri => new(BaseUri, "mcp");

    public HttpClient Http { get; }

    /// <param name="mapExtra">Routes added before start, as a test needs them (e.g. one that throws).</param>
    public static async Task<MeshHttpServer> StartAsync(WorkspaceIndex index, MeshHttpOptions? options = null, Action<WebApplication>? mapExtra = null)
    {
        var app = MeshHttpHost.Build(index, options ?? MeshHttpOptions.Loopback("http://127.0.0.1:0"));
        mapExtra?.Invoke(app);
        await app.StartAsync();
        // A wildcard bind reports its address as 0.0.0.0 or [::]: connect over loopback.
        var url = new Uri(MeshHttpHost.ListeningUrls(app)[0]);
        var port = url.Port;
        return new MeshHttpServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>A client through the SDK's Streamable HTTP transport, optionally sending a bearer token.</summary>
    public Task<McpClient> ConnectAsync(string? token = null, string? protocolVersion = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpUri,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        return McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "mesh-http-tests", Version = "1.0" },
            ProtocolVersion = protocolVersion,
        });
    }

    /// <summary>A raw initialize POST, to see the HTTP status the guards answer with.</summary>
    public static HttpRequestMessage Initialize(string? token = null, string? origin = null, string? host = null, string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent(body ?? InitializeBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (host is not null) request.Headers.Host = host;
        return request;
    }

    public const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
