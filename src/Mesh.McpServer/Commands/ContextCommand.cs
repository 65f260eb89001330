using System.CommandLine;
using Mesh.Engine.Context;
using Mesh.Engine.Context.Files;

namespace Mesh.McpServer.Commands;

/// <summary><c>mesh context write|show</c>: each repo's API context, in the files each agent reads, or on stdout.</summary>
public static class ContextCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("context", "The API context of each repo for agents: what it provides and calls, and recent changes that affect it")
        {
            Write(output),
            Show(output),
        };
        return command;
    }

    private static Command Write(TextWriter output)
    {
        var repo = new Option<string?>("--repo") { Description = "Only this repo (default: every repo of the workspace)" };
        var target = new Option<string[]>("--target")
        {
            Description = $"Which agents' files to write: {string.Join(", ", ContextFiles.Targets)} or all (repeat or separate with commas; default: all)",
            DefaultValueFactory = _ => ["all"],
        };
        var check = new Option<bool>("--check") { Description = "Write nothing; list the files that are missing or stale and exit 1 if there are any (for CI)" };
        var command = new Command("write", "Write the context into each repo's working tree: a marked block in AGENTS.md, an @AGENTS.md import in " +
            "CLAUDE.md, rule files for Cursor, Copilot and Windsurf; text outside Mesh's block is never touched") { repo, target, check };
        command.SetAction((parsed, cancellationToken) =>
        {
            var index = Cli.OpenIndex(parsed);
            var writers = ContextFiles.For(parsed.GetValue(target) ?? []);
            var repos = parsed.GetValue(repo) is { } one ? [index.Repo(one).Name] : index.Workspace.Repos.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
            var files = ContextFiles.Plan(index, repos, writers, cancellationToken);
            var stale = files.Where(f => f.IsStale).ToList();
            if (parsed.GetValue(check))
            {
                foreach (var file in stale) output.WriteLine($"{(file.Current is null ? "missing" : "stale")}: {OneLine.Of(file.Repo)}/{file.Path}");
                output.WriteLine(stale.Count == 0
                    ? $"All {files.Count} context file(s) of {repos.Count} repo(s) are current."
                    : $"{stale.Count} of {files.Count} context file(s) are missing or stale; run 'mesh context write' to update them.");
                return Task.FromResult(stale.Count == 0 ? Cli.Ok : Cli.Findings);
            }
            foreach (var file in stale)
            {
                ContextFiles.Write(file);
                output.WriteLine($"{(file.Current is null ? "created" : "updated")}: {OneLine.Of(file.Repo)}/{file.Path}");
            }
            output.WriteLine($"{repos.Count} repo(s): {stale.Count} context file(s) written, {files.Count - stale.Count} already current.");
            return Task.FromResult(Cli.Ok);
        });
        return command;
    }

    private static Command Show(TextWriter output)
    {
        var repo = new Argument<string>("repo") { Description = "The repo whose context to print" };
        var command = new Command("show", "Print a repo's context as markdown (the text of mesh://repos/{repo}/context.md)") { repo };
        command.SetAction((parsed, cancellationToken) =>
        {
            var index = Cli.OpenIndex(parsed);
            output.Write(ContextMarkdown.Render(new ContextQuery(index).Build(parsed.GetValue(repo)!, cancellationToken)));
            return Task.FromResult(Cli.Ok);
        });
        return command;
    }
}
