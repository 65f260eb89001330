namespace Mesh.McpServer.Setup;

/// <summary>One MCP client's configuration file for a workspace, and how Mesh's server entry is merged into it.</summary>
public interface IClientSetup
{
    /// <summary>The name on the command line: <c>claude</c>, <c>cursor</c>, <c>vscode</c>, <c>codex</c>, <c>gemini</c>.</summary>
    string Client { get; }

    /// <summary>Workspace-relative path with '/'.</summary>
    string Path { get; }

    /// <summary>The file's text with Mesh's server entry current; other entries and settings kept. Returns <paramref name="current"/> itself when nothing changes.</summary>
    string Update(string? current);
}

/// <summary>The server entry every client gets: the installed <c>mesh</c> tool serving this workspace over stdio.</summary>
public static class MeshServerEntry
{
    public const string Name = "mesh";
    public const string Command = "mesh";

    /// <param name="workspace">How the client names the workspace folder: <c>.</c> where it starts servers in the project folder, or its variable.</param>
    public static IReadOnlyList<string> Args(string workspace) => ["serve", "--workspace", workspace];
}
