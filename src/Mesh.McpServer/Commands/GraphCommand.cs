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
        format.AcceptOnlyFromAmong("json", "mermaid", "dot");
        var command = new Command("graph", "Print the graph: JSON with every endpoint, call site and link; mermaid or dot with services and call counts") { format };
        command.SetAction(parsed =>
        {
            var index = Cli.OpenIndex(parsed);
            var graph = index.Store.Graph();
            output.Write(parsed.GetValue(format) switch
            {
                "mermaid" => ServiceGraph.Mermaid(graph),
                "dot" => ServiceGraph.Dot(graph),
                _ => JsonSerializer.Serialize(GraphDocument.From(graph), MeshJson.Indented) + "\n",
            });
            return Cli.Ok;
        });
        return command;
    }
}
