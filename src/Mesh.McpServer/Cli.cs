using System.CommandLine;
using Mesh.Engine;
using Mesh.Engine.Indexing;
using Mesh.McpServer.Commands;

namespace Mesh.McpServer;

/// <summary>The <c>mesh</c> command line: one verb per job, each taking --workspace and --db.</summary>
public static class Cli
{
    public const int Ok = 0;
    /// <summary>The job ran and found a problem (a repo failed to index, ...).</summary>
    public const int Findings = 1;
    /// <summary>Mesh could not do what was asked (bad argument, bad workspace).</summary>
    public const int ToolFailed = 2;

    public static readonly Option<string> Workspace = new("--workspace", "-w")
    {
        Description = "The workspace folder: a mesh.json, or git repos directly under it (default: current directory)",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
        Recursive = true,
    };

    public static readonly Option<string?> Database = new("--db")
    {
        Description = "The index file (default: <workspace>/.mesh/mesh.db)",
        Recursive = true,
    };

    /// <param name="environment">Reads an environment variable (GITHUB_TOKEN, ...); default: the process environment.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default,
        Func<string, string?>? environment = null)
    {
        var root = new RootCommand("Mesh maps the HTTP APIs your repositories provide and consume, for AI coding agents (MCP) and CI.")
        {
            Workspace,
            Database,
            IndexCommand.Create(output, error),
            AddCommand.Create(output, error, environment ?? Environment.GetEnvironmentVariable),
            ApisCommand.Create(output),
            ConsumersCommand.Create(output),
            GraphCommand.Create(output),
            DiffCommand.Create(output, error, environment ?? Environment.GetEnvironmentVariable),
            MigrateCommand.Create(output),
            ContextCommand.Create(output),
            SetupCommand.Create(output),
            ServeCommand.Create(error, environment ?? Environment.GetEnvironmentVariable),
            DemoCommand.Create(output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            // A bad argument is "Mesh could not do what was asked" (2), never "found a problem" (1), which CI gates read.
            foreach (var parseError in parsed.Errors) await error.WriteLineAsync($"mesh: {parseError.Message}");
            await error.WriteLineAsync("Run 'mesh --help' or 'mesh <verb> --help' for the valid arguments.");
            return ToolFailed;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (MeshException e)
        {
            await error.WriteLineAsync($"mesh: {e.Message}");
            return ToolFailed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("mesh: cancelled");
            return ToolFailed;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash must not read as "findings" (1) to a CI gate: it is Mesh failing (2), with the trace for a bug report.
            await error.WriteLineAsync($"mesh: internal error, please report it: {e}");
            return ToolFailed;
        }
    }

    public static WorkspaceIndex OpenIndex(ParseResult parsed, bool keepFacts = true) =>
        WorkspaceIndex.Open(parsed.GetValue(Workspace)!, parsed.GetValue(Database), keepFacts: keepFacts);
}
