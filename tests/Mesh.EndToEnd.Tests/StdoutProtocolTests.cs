using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.EndToEnd.Tests.Infrastructure;

namespace Mesh.EndToEnd.Tests;

/// <summary>
/// stdout of <c>mesh serve</c> is the protocol: newline-delimited JSON-RPC and nothing else. Written by hand here,
/// without any SDK, so a stray Console.WriteLine or a log line on stdout cannot be hidden by a lenient client.
/// </summary>
public sealed class StdoutProtocolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Nothing_but_protocol_is_written_to_stdout()
    {
        using var workspace = SampleWorkspace.Create();
        var (command, arguments) = MeshBuild.Mesh("serve", "--workspace", workspace.Root);
        await using var server = ChildProcess.Start(command, arguments);

        var initialize = await Request(server, 1, "initialize", new
        {
            protocolVersion = "2025-06-18",
            capabilities = new { },
            clientInfo = new { name = "raw-json-rpc", version = "1.0" },
        });
        Assert.Equal("mesh", initialize["result"]?["serverInfo"]?["name"]?.GetValue<string>());
        await server.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await Request(server, 2, "tools/list", new { });
        // Requests that fail inside the server, so it has something to log (to stderr, never to stdout).
        await Request(server, 3, "tools/call", new { name = "list_apis", arguments = new { repo = "ordrs" } });
        await Request(server, 4, "resources/read", new { uri = "mesh://repos/nope/apis" });
        await Request(server, 5, "tools/call", new { name = "reindex", arguments = new { } });
        await Request(server, 6, "ping", new { });
        server.CloseStdin();
        var exitCode = await server.WaitForExitAsync(Timeout);

        Assert.True(exitCode == 0, $"mesh serve should exit 0 when the client closes stdin, got {exitCode}.{server.Describe()}");
        var lines = server.StdoutLines;
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            JsonNode? message = null;
            try
            {
                message = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                // Reported below with the whole output.
            }
            Assert.True(message is JsonObject && message["jsonrpc"]?.GetValue<string>() == "2.0",
                $"stdout line is not a JSON-RPC message: {line}{server.Describe()}");
        }
    }

    [Fact]
    public async Task A_workspace_that_does_not_exist_fails_fast_on_stderr_with_nothing_on_stdout()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mesh-missing-{Guid.NewGuid():N}");
        var (command, arguments) = MeshBuild.Mesh("serve", "--workspace", missing);

        var run = await ChildProcess.RunAsync(command, arguments, Timeout);

        Assert.True(run.ExitCode == 2, $"expected exit code 2 (bad workspace).\n{run}");
        Assert.True(run.Stdout.Length == 0, $"stdout must stay empty: it is the protocol channel.\n{run}");
        Assert.Contains("does not exist", run.Stderr);
    }

    /// <summary>Sends one request and reads stdout until its response arrives (notifications may come first).</summary>
    private static async Task<JsonObject> Request(ChildProcess server, int id, string method, object parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) };
        await server.WriteLineAsync(request.ToJsonString());
        while (await server.ReadLineAsync(Timeout) is { } line)
        {
            if (JsonNode.Parse(line) is JsonObject message && message["id"]?.GetValueKind() == JsonValueKind.Number && message["id"]!.GetValue<int>() == id)
                return message;
        }
        throw new Xunit.Sdk.XunitException($"stdout closed before the response to {method} (id {id}).{server.Describe()}");
    }
}
