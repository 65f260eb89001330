using System.CommandLine;
using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Queries;
using Mesh.McpServer.Graph;

namespace Mesh.McpServer.Commands;

public static class GraphCommand
{
    public static Command Create(TextWriter output)
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "mermaid", "dot", "html");
        var baseRef = new Option<string?>("--base")
        {
            Description = "With --format html: highlight what each repo's working tree breaks against this ref (e.g. HEAD, main)",
        };
        var command = new Command("graph",
            "Print the graph: JSON with every endpoint, call site and link; mermaid or dot with services and call counts; "
            + "html, one self-contained page to open in a browser")
        { format, baseRef };
        command.SetAction((parsed, cancellationToken) =>
        {
            var index = Cli.OpenIndex(parsed);
            var chosen = parsed.GetValue(format);
            if (parsed.GetValue(baseRef) is not null && chosen != "html") throw new MeshException("--base goes with --format html; for a diff as text or JSON use 'mesh diff --base REF'");
            if (chosen == "html")
            {
                output.Write(GraphPage.Standalone(ServiceMapQuery.Open(index, parsed.GetValue(baseRef), cancellationToken: cancellationToken).Document()));
                return Task.FromResult(Cli.Ok);
            }
            var graph = index.Store.Graph();
            output.Write(chosen switch
            {
                "mermaid" => ServiceGraph.Mermaid(graph),
                "dot" => ServiceGraph.Dot(graph),
                _ => JsonSerializer.Serialize(GraphDocument.From(graph), MeshJson.Indented) + "\n",
            });
            return Task.FromResult(Cli.Ok);
        });
        return command;
    }
}
