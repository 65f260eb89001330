using System.Text.Json.Nodes;

namespace Mesh.McpServer.Setup;

/// <summary>Gemini CLI's project settings <c>.gemini/settings.json</c>; Gemini CLI starts servers in the folder it runs in.</summary>
public sealed class GeminiSetup : JsonServersSetup
{
    public override string Client => "gemini";
    public override string Path => ".gemini/settings.json";
    protected override JsonObject Entry() => new() { ["command"] = MeshServerEntry.Command, ["args"] = Args(".") };
}
