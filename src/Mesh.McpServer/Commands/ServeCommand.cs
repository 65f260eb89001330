using System.CommandLine;
using Mesh.Engine.Indexing;
using Mesh.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.McpServer.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var watch = new Option<bool>("--watch")
        {
            Description = "Re-index a repo's working tree when its files or git HEAD change (debounced); subscribed clients are notified",
        };
        var command = new Command("serve", "Run the MCP server over stdio for an agent client (Claude Code, Cursor, VS Code); logs go to stderr") { watch };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Opened before the host starts, so a bad workspace fails fast with a clear message on stderr.
            var index = Cli.OpenIndex(parsed);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton(index);
            builder.Services.AddMcpServer(MeshServer.Configure).WithStdioServerTransport().WithMeshTools();
            var host = builder.Build();
            using var watcher = parsed.GetValue(watch) ? new WorkspaceWatcher(index) : null;
            if (watcher is not null)
            {
                var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("mesh.watch");
                watcher.Reindexed += (repo, _, failure) =>
                {
                    if (failure is not null) log.LogWarning("re-index of {Repo} after a change failed: {Message}", repo, failure.Message);
                };
            }
            await host.RunAsync(cancellationToken);
            return Cli.Ok;
        });
        return command;
    }
}
