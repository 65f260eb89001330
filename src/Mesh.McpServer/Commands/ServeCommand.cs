using System.CommandLine;
using Mesh.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.McpServer.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the MCP server over stdio for an agent client (Claude Code, Cursor, VS Code); logs go to stderr");
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
            await builder.Build().RunAsync(cancellationToken);
            return Cli.Ok;
        });
        return command;
    }
}
