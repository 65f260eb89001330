using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The official TypeScript MCP SDK driving a server over stdio (client/client.mjs): an independent implementation of
/// the protocol, so what passes here is what Claude Code, Cursor or VS Code would see.
/// </summary>
public static class TypeScriptClient
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task> Installed = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs the scenario's steps against <paramref name="command"/> and returns what the client saw.</summary>
    public static async Task<ClientReport> RunAsync(string command, IEnumerable<string> arguments, IEnumerable<JsonObject> steps,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        await Installed.Value;
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var scenario = new JsonObject
        {
            ["command"] = command,
            ["args"] = new JsonArray([.. arguments.Select(a => JsonValue.Create(a))]),
            ["cwd"] = workingDirectory,
            ["timeoutMs"] = (int)limit.TotalMilliseconds / 2,
            ["steps"] = new JsonArray([.. steps]),
        };
        var run = await ChildProcess.RunAsync("node", [Path.Combine(MeshBuild.ClientFolder, "client.mjs")], limit,
            stdin: scenario.ToJsonString(), workingDirectory: MeshBuild.ClientFolder);
        var line = run.Stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (line is null) throw new InvalidOperationException($"the TypeScript client printed no report.\n{run}");
        var report = new ClientReport(JsonNode.Parse(line)!.AsObject(), run.Stderr);
        if (run.ExitCode != 0 || report.Root["fatal"] is not null)
            throw new InvalidOperationException($"the TypeScript client could not talk to the server: {report.Root["fatal"]?.ToJsonString()}\n{run}\n--- server stderr ---\n{report.ServerStderr}");
        return report;
    }

    /// <summary>Once per test run: installs the pinned SDK from the lock file when node_modules does not have it.</summary>
    private static async Task InstallAsync()
    {
        var folder = MeshBuild.ClientFolder;
        try
        {
            var version = await ChildProcess.RunAsync("node", ["--version"], TimeSpan.FromSeconds(30));
            if (version.ExitCode != 0) throw new InvalidOperationException(version.ToString());
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"node (20 or later) and npm are needed for the end-to-end tests and were not found or did not run: {e.Message}", e);
        }
        if (Directory.Exists(Path.Combine(folder, "node_modules", "@modelcontextprotocol", "sdk"))) return;
        string[] arguments = File.Exists(Path.Combine(folder, "package-lock.json"))
            ? ["ci", "--no-audit", "--no-fund"]
            : ["install", "--no-audit", "--no-fund"];
        ChildProcess.Completed npm;
        try
        {
            npm = await ChildProcess.RunAsync("npm", arguments, InstallTimeout, workingDirectory: folder);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"npm is needed to install the TypeScript MCP client for the end-to-end tests: {e.Message}", e);
        }
        if (npm.ExitCode != 0) throw new InvalidOperationException($"installing the TypeScript MCP client in {folder} failed.\n{npm}");
    }
}

/// <summary>Steps of a client scenario, as client.mjs reads them.</summary>
public static class Step
{
    public static JsonObject ListTools() => new() { ["op"] = "tools/list" };

    public static JsonObject Call(string tool, object? arguments = null, bool progress = false) => new()
    {
        ["op"] = "tools/call",
        ["name"] = tool,
        ["arguments"] = JsonSerializer.SerializeToNode(arguments ?? new { }),
        ["progress"] = progress,
    };

    public static JsonObject ListResources() => new() { ["op"] = "resources/list" };

    public static JsonObject ListResourceTemplates() => new() { ["op"] = "resources/templates/list" };

    public static JsonObject ReadResource(string uri) => new() { ["op"] = "resources/read", ["uri"] = uri };
}

/// <summary>What the TypeScript client saw: the server's identity and one entry per step, in order.</summary>
public sealed class ClientReport(JsonObject root, string clientStderr)
{
    public JsonObject Root { get; } = root;

    public string ServerStderr => (Root["stderr"]?.GetValue<string>() ?? "") + clientStderr;

    public JsonNode? Server => Root["server"];

    public string? Instructions => Root["instructions"]?.GetValue<string>();

    public JsonObject StepAt(int index) => Root["steps"]![index]!.AsObject();

    /// <summary>The result of a step that must have succeeded at the protocol level (a tool's isError result still counts).</summary>
    public JsonObject Result(int index)
    {
        var step = StepAt(index);
        if (step["ok"]?.GetValue<bool>() != true)
            throw new Xunit.Sdk.XunitException($"step {index} ({step["op"]} {step["name"] ?? step["uri"]}) failed: {step["error"]?.ToJsonString()}{Because}");
        return step["result"]!.AsObject();
    }

    public IReadOnlyList<JsonObject> Progress(int index) => [.. StepAt(index)["progress"]!.AsArray().Select(p => p!.AsObject())];

    /// <summary>The server's stderr, to append to assertion messages.</summary>
    public string Because => $"\n--- server stderr ---\n{ServerStderr}";
}
