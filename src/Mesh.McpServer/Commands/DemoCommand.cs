using System.CommandLine;
using Mesh.Engine.Context.Files;
using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Reports;
using Mesh.Engine.Migration;
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

            await ShowBreakingChange(output, root, index, cancellationToken);

            output.WriteLine("$ mesh index   # as CI does once the provider's change is on its branch");
            var third = await index.IndexAsync(new IndexRequest(), null, cancellationToken);
            output.WriteLine($"Re-indexed {third.Repos.Count} repo(s) in {third.Elapsed.TotalMilliseconds:0} ms: {third.FilesParsed} file(s) parsed.");
            output.WriteLine();

            output.WriteLine("$ mesh context write   # what each repo's agents read: AGENTS.md, CLAUDE.md, Cursor/Copilot/Windsurf rules");
            var repoNames = index.Workspace.Repos.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            var contextFiles = ContextFiles.Plan(index, repoNames, ContextFiles.For([]), cancellationToken);
            foreach (var file in contextFiles.Where(f => f.IsStale)) ContextFiles.Write(file);
            output.WriteLine($"{repoNames.Count} repo(s): {contextFiles.Count(f => f.IsStale)} context file(s) written (e.g. {contextFiles.First(f => f.Repo == "webapp").Repo}/{contextFiles.First(f => f.Repo == "webapp").Path}).");
            output.WriteLine();
            ShowConsumerContext(output, contextFiles.First(f => f.Repo == "reports" && f.Path == "AGENTS.md"));

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
    /// <summary>The provider breaks its API; the diff names the consumers, the brief says what to edit, one consumer is fixed and verified.</summary>
    private static Task ShowBreakingChange(TextWriter output, string root, WorkspaceIndex index, CancellationToken cancellationToken)
    {
        DemoWorkspace.CommitBreakingChange(root);
        output.WriteLine("$ git -C orders commit -m \"Move GET /orders/{orderId} to /v2/orders/{orderId}\"   # a breaking change");
        output.WriteLine("$ mesh diff --repo orders --base HEAD~1 --head HEAD");
        var report = DiffQuery.Run(index, new DiffRequest("orders", "HEAD~1", "HEAD"), cancellationToken);
        output.Write(new TextDiffFormat().Write(DiffOutcome.Of(report)));
        output.WriteLine();

        output.WriteLine("What an agent gets from propose_migration (repo: orders, base: HEAD~1, head: HEAD):");
        var plan = MigrationPlanner.Plan(index, new MigrationRequest("orders", "HEAD~1", "HEAD"), cancellationToken);
        foreach (var task in plan.Tasks)
        {
            output.WriteLine($"  {task.Repo} {task.File}:{task.Line}  {task.Method} {task.Url}");
            foreach (var edit in task.Edits)
            {
                output.WriteLine($"    [{edit.Level.Name()}] {edit.Edit}");
                if (edit.Replacement is not null) output.WriteLine($"    line {task.Line} becomes: {edit.Replacement.Trim()}");
            }
        }
        for (var i = 0; i < plan.Order.Count; i++) output.WriteLine($"  {i + 1}. {plan.Order[i]}");
        output.WriteLine();

        // The agent's edit, made here for the webapp only, exactly as the brief suggests.
        var webapp = plan.Tasks.FirstOrDefault(t => t.Repo == "webapp" && t.Edits.Any(e => e.Replacement is not null));
        if (webapp is not null)
        {
            var path = Path.Combine(root, webapp.Repo, webapp.File);
            var lines = File.ReadAllLines(path);
            lines[webapp.Line - 1] = webapp.Edits.First(e => e.Replacement is not null).Replacement!;
            File.WriteAllLines(path, lines);
            output.WriteLine($"(edited {webapp.Repo}/{webapp.File}:{webapp.Line} as suggested; the other consumers are left as they are)");
        }
        output.WriteLine("$ propose_migration with verify: true");
        var verification = MigrationVerifier.Verify(index, new MigrationRequest("orders", "HEAD~1", "HEAD"), cancellationToken);
        output.WriteLine($"  {verification.Summary}");
        foreach (var call in verification.Calls)
        {
            output.WriteLine($"  {(call.Passes ? "PASS" : "FAIL")} {call.Repo} {call.File}:{call.Line}  {call.Method ?? "?"} {call.Url}");
            foreach (var problem in call.Problems) output.WriteLine($"       {problem}");
        }
        output.WriteLine();
        return Task.CompletedTask;
    }

    /// <summary>The part of a consumer's context file that tells its agents which change breaks which of its calls.</summary>
    private static void ShowConsumerContext(TextWriter output, ContextFile file)
    {
        output.WriteLine($"What an agent working in {file.Repo} now reads first ({file.Repo}/{file.Path}):");
        var lines = System.Text.Encoding.UTF8.GetString(file.Desired).ReplaceLineEndings("\n").Split('\n');
        var section = lines.SkipWhile(l => !l.StartsWith("### Recent API changes", StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || !l.StartsWith("### ", StringComparison.Ordinal));
        foreach (var line in section) output.WriteLine("  " + line);
        output.WriteLine();
    }

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
