using System.Text.Json;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools.Tests;

/// <summary>A temp workspace with two repos (orders: 3 operations, billing: 1) and a real MCP client on the real server.</summary>
public abstract class ToolTestBase : IAsyncLifetime
{
    /// <summary>The protocol eras tests run in: the client's default (newest) and the 2025-11-25 initialize handshake.</summary>
    public static TheoryData<string?> Eras => new() { (string?)null, "2025-11-25" };

    protected TempWorkspace Workspace { get; } = new();
    protected TempRepo Orders { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Orders = Workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml);
        Orders.Commit();
        Workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Workspace.Dispose();
        return Task.CompletedTask;
    }

    protected Task<McpHarness> Connect(string? era = null) => McpHarness.StartAsync(Workspace.OpenIndex(), era);

    protected static async Task<CallToolResult> Call(McpClient client, string tool, object? arguments = null, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        return await client.CallToolAsync(tool, args, progress);
    }

    protected static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    protected static JsonElement Structured(CallToolResult result)
    {
        Assert.False(result.IsError == true, Text(result));
        Assert.NotNull(result.StructuredContent);
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
