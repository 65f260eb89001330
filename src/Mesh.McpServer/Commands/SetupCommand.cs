using System.CommandLine;
using Mesh.Engine;
using Mesh.McpServer.Setup;

namespace Mesh.McpServer.Commands;

/// <summary><c>mesh setup CLIENT</c>: writes or merges that client's MCP configuration for the workspace.</summary>
public static class SetupCommand
{
    public static readonly IReadOnlyList<IClientSetup> Clients =
    [
        new ClaudeCodeSetup(),
        new CursorSetup(),
        new VsCodeSetup(),
        new CodexSetup(),
        new GeminiSetup(),
    ];

    public static Command Create(TextWriter output)
    {
        var client = new Argument<string>("client") { Description = $"The agent client: {string.Join(", ", Clients.Select(c => c.Client))}" };
        client.AcceptOnlyFromAmong([.. Clients.Select(c => c.Client)]);
        var command = new Command("setup", "Add Mesh to an agent client's MCP configuration in the workspace folder (.mcp.json, .cursor/mcp.json, " +
            ".vscode/mcp.json, .codex/config.toml, .gemini/settings.json), keeping the servers and settings already there") { client };
        command.SetAction(parsed =>
        {
            var setup = Clients.Single(c => c.Client == parsed.GetValue(client));
            var root = Path.GetFullPath(parsed.GetValue(Cli.Workspace)!);
            if (!Directory.Exists(root)) throw new MeshException($"workspace folder '{root}' does not exist");
            var path = Path.Combine(root, setup.Path.Replace('/', Path.DirectorySeparatorChar));
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            var updated = setup.Update(current);
            if (ReferenceEquals(updated, current) || updated == current)
            {
                output.WriteLine($"{setup.Path}: Mesh is already configured for {setup.Client}.");
                return Cli.Ok;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, updated, new System.Text.UTF8Encoding(false));
            output.WriteLine($"{setup.Path}: {(current is null ? "created" : "updated")} with the 'mesh' server (mesh serve --workspace <this folder>) in {root}.");
            output.WriteLine("Run 'mesh index' in the workspace so the server has something to answer from; the client starts the server itself.");
            return Cli.Ok;
        });
        return command;
    }
}
