using System.Text.Json.Nodes;

namespace Mesh.McpServer.Setup;

/// <summary>Claude Code's project configuration <c>.mcp.json</c>; Claude Code starts servers in the project folder, so <c>.</c> is the workspace.</summary>
public sealed class ClaudeCodeSetup : JsonServersSetup
{
    public override string Client => "claude";
    public override string Path => ".mcp.json";
    protected override JsonObject Entry() => new() { ["command"] = MeshServerEntry.Command, ["args"] = Args(".") };
}
