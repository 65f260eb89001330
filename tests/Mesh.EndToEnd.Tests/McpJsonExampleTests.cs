using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.EndToEnd.Tests.Infrastructure;

namespace Mesh.EndToEnd.Tests;

/// <summary>mcp.json.example at the repo root is run, not just read, so the configuration we tell users to copy cannot rot.</summary>
public sealed class McpJsonExampleTests
{
    private const string WorkspaceFolder = "${workspaceFolder}";

    private static JsonObject Example() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(MeshBuild.RepoRoot, "mcp.json.example")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow })!.AsObject();

    [Theory]
    [InlineData("claude_code (.mcp.json)", "mcpServers")]
    [InlineData("cursor (.cursor/mcp.json)", "mcpServers")]
    [InlineData("vscode (.vscode/mcp.json)", "servers")]
    public async Task The_example_client_configuration_starts_a_server_that_lists_mesh_tools(string client, string serversKey)
    {
        var entry = Example()[client]?[serversKey]?["mesh"]?.AsObject();
        Assert.True(entry is not null, $"mcp.json.example has no {client} entry with {serversKey}.mesh");
        if (serversKey == "servers") Assert.Equal("stdio", entry["type"]?.GetValue<string>());
        Assert.Equal("mesh", entry["command"]!.GetValue<string>());
        var args = entry["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal("serve", args[0]);
        using var workspace = SampleWorkspace.Create();

        // The installed 'mesh' command is this build's mesh.dll; the client's folder variable is the temp workspace,
        // and the server starts in it, as Claude Code starts servers in the project folder ('.').
        var (command, arguments) = MeshBuild.Mesh([.. args.Select(a => a.Replace(WorkspaceFolder, workspace.Root, StringComparison.Ordinal))]);
        var report = await TypeScriptClient.RunAsync(command, arguments, [Step.ListTools(), Step.ReadResource("mesh://repos")],
            workingDirectory: workspace.Root);

        var tools = report.Result(0)["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("list_apis", tools);
        Assert.Contains("reindex", tools);
        var repos = JsonNode.Parse(report.Result(1)["contents"]![0]!["text"]!.GetValue<string>())!["repos"]!.AsArray();
        Assert.Equal(["billing", "orders"], repos.Select(r => r!["name"]!.GetValue<string>()));
    }
}
