using System.CommandLine;
using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Queries;

namespace Mesh.McpServer.Commands;

public static class GraphCommand
{
    public static Command Create(TextWriter output)
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        var command = new Command("graph", "Print the whole graph: repos, endpoints, call sites and links") { format };
        command.SetAction(parsed =>
        {
            var index = Cli.OpenIndex(parsed);
            output.WriteLine(JsonSerializer.Serialize(GraphDocument.From(index.Store.Graph()), MeshJson.Indented));
            return Cli.Ok;
        });
        return command;
    }
}
