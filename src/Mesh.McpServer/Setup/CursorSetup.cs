using System.Text.Json.Nodes;

namespace Mesh.McpServer.Setup;

/// <summary>Cursor's project configuration <c>.cursor/mcp.json</c>; Cursor expands <c>${workspaceFolder}</c>.</summary>
public sealed class CursorSetup : JsonServersSetup
{
    public override string Client => "cursor";
    public override string Path => ".cursor/mcp.json";
    protected override JsonObject Entry() => new() { ["command"] = MeshServerEntry.Command, ["args"] = Args("${workspaceFolder}") };
}
