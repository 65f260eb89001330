using System.CommandLine;
using System.Text.Json;
using Mesh.Engine.Indexing;
using Mesh.Engine.Storage;
using Mesh.McpServer.Demo;
using Mesh.Tools;

namespace Mesh.McpServer.Commands;

public static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Option<string>("--dir")
        {
            Description = "Where to create the sample workspace (default: mesh-demo in the temp folder; replaced if made by an earlier demo)",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "mesh-demo"),
        };
        var command = new Command("demo", "Create a sample workspace of real git repos, index it, and show what Mesh sees") { dir };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var root = Path.GetFullPath(parsed.GetValue(dir)!);
            var repos = DemoWorkspace.Create(root);
            output.WriteLine($"Created a demo workspace at {root}: {repos.Count} git repos ({string.Join(", ", repos)}).");
            output.WriteLine();

            var index = WorkspaceIndex.Open(root);
            output.WriteLine("$ mesh index");
            var first = await index.IndexAsync(new IndexRequest(), null, cancellationToken);
            IndexCommand.Print(output, first);
            output.WriteLine();

            output.WriteLine("$ mesh apis");
            var rows = index.Store.Endpoints(new EndpointQuery(Limit: int.MaxValue)).Items.Select(EndpointSummary.From).ToList();
            ApisCommand.WriteTable(output, rows);
            output.WriteLine();

            output.WriteLine("HTTP calls the consumers make (from `mesh graph --format json`):");
            var calls = index.Store.Graph().CallSites;
            TextTable.Write(output, ["REPO", "FILE:LINE", "METHOD", "URL", "BASE"],
                calls.Select(c => new[] { c.Repo, $"{c.File}:{c.Line}", c.Fact.Method ?? "?", c.Fact.Url, c.Fact.BaseHint ?? "-" }));
            output.WriteLine();

            output.WriteLine("$ mesh index   # again: every file's content is already in the cache");
            var second = await index.IndexAsync(new IndexRequest(Force: true), null, cancellationToken);
            output.WriteLine($"Re-indexed {second.Repos.Count} repo(s) in {second.Elapsed.TotalMilliseconds:0} ms: {second.FilesParsed} file(s) parsed.");
            output.WriteLine();

            var (commandName, arguments) = ServeInvocation(root);
            output.WriteLine("Point an agent at this workspace:");
            output.WriteLine($"  Claude Code:  claude mcp add mesh -- {commandName} {string.Join(' ', arguments.Select(Quote))}");
            output.WriteLine("  .mcp.json / .cursor/mcp.json (\"servers\" instead of \"mcpServers\" in .vscode/mcp.json):");
            var config = new { mcpServers = new Dictionary<string, object> { ["mesh"] = new { command = commandName, args = arguments } } };
            output.WriteLine(JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
            output.WriteLine("Then ask the agent: \"Which endpoints does the orders service provide?\" (it calls list_apis).");
            return first.Failed > 0 ? Cli.Findings : Cli.Ok;
        });
        return command;
    }

    /// <summary>How to start this same build as a server: the apphost if there is one, else dotnet + mesh.dll.</summary>
    private static (string Command, string[] Arguments) ServeInvocation(string workspace)
    {
        var process = Environment.ProcessPath ?? "mesh";
        var serve = new[] { "serve", "--workspace", workspace };
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? ("dotnet", [typeof(DemoCommand).Assembly.Location, .. serve])
            : (process, serve);
    }

    private static string Quote(string s) => s.Contains(' ') ? $"\"{s}\"" : s;
}
