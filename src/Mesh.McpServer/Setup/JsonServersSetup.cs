using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Engine;

namespace Mesh.McpServer.Setup;

/// <summary>
/// A JSON configuration with a servers object (<c>mcpServers</c> or <c>servers</c>): Mesh's entry is added or brought up
/// to date (keys Mesh does not set, such as <c>env</c>, stay), every other entry and setting is kept, and a file whose
/// entry is already right is not rewritten.
/// </summary>
public abstract class JsonServersSetup : IClientSetup
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public abstract string Client { get; }
    public abstract string Path { get; }

    /// <summary><c>mcpServers</c> for most clients; VS Code uses <c>servers</c>.</summary>
    protected virtual string ServersKey => "mcpServers";

    protected abstract JsonObject Entry();

    public string Update(string? current)
    {
        JsonObject root;
        try
        {
            root = string.IsNullOrWhiteSpace(current)
                ? []
                : JsonNode.Parse(current, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                  ?? throw new MeshException($"{Path} is not a JSON object; fix or move it, then run again");
        }
        catch (JsonException e)
        {
            throw new MeshException($"{Path} is not valid JSON ({e.Message}); fix or move it, then run again");
        }
        if (root[ServersKey] is not JsonObject servers)
        {
            if (root[ServersKey] is not null) throw new MeshException($"'{ServersKey}' in {Path} is not an object; fix it, then run again");
            root[ServersKey] = servers = [];
        }
        var entry = servers[MeshServerEntry.Name] as JsonObject;
        var desired = Entry();
        if (entry is not null && desired.All(p => JsonNode.DeepEquals(entry[p.Key], p.Value))) return current!;
        if (entry is null) servers[MeshServerEntry.Name] = entry = [];
        foreach (var (key, value) in desired) entry[key] = value?.DeepClone();
        var newline = current?.Contains("\r\n", StringComparison.Ordinal) == true ? "\r\n" : "\n";
        return root.ToJsonString(Indented).ReplaceLineEndings(newline) + newline;
    }

    protected static JsonArray Args(string workspace) => [.. MeshServerEntry.Args(workspace).Select(a => (JsonNode)a)];
}
