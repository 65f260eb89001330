using System.Text.Json.Nodes;

namespace Mesh.McpServer.Setup;

/// <summary>VS Code's workspace configuration <c>.vscode/mcp.json</c>: <c>servers</c>, with <c>type: stdio</c>.</summary>
public sealed class VsCodeSetup : JsonServersSetup
{
    public override string Client => "vscode";
    public override string Path => ".vscode/mcp.json";
    protected override string ServersKey => "servers";
    protected override JsonObject Entry() => new() { ["type"] = "stdio", ["command"] = MeshServerEntry.Command, ["args"] = Args("${workspaceFolder}") };
}
