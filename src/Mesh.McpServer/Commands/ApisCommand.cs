using System.CommandLine;
using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Storage;
using Mesh.Tools;

namespace Mesh.McpServer.Commands;

public static class ApisCommand
{
    public static Command Create(TextWriter output)
    {
        var repo = new Option<string?>("--repo") { Description = "Only endpoints of this repo" };
        var method = new Option<string?>("--method") { Description = "Only this HTTP method" };
        var path = new Option<string?>("--path") { Description = "Only routes containing this text (case-insensitive)" };
        var json = new Option<bool>("--json") { Description = "JSON for scripts instead of a table" };
        var command = new Command("apis", "List the endpoints the workspace's repos provide") { repo, method, path, json };
        command.SetAction(parsed =>
        {
            var index = Cli.OpenIndex(parsed);
            var repoName = parsed.GetValue(repo);
            if (repoName is not null) index.Repo(repoName);
            var page = index.Store.Endpoints(new EndpointQuery(repoName, ToolArguments.Method(parsed.GetValue(method)), parsed.GetValue(path), 0, int.MaxValue));
            var rows = page.Items.Select(EndpointSummary.From).ToList();
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(rows, MeshJson.Indented));
                return Cli.Ok;
            }
            if (index.Store.Repos().Count == 0)
            {
                output.WriteLine("The index is empty: run 'mesh index' first.");
                return Cli.Ok;
            }
            WriteTable(output, rows);
            output.WriteLine($"{rows.Count} endpoint(s)");
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>The people's view of endpoints: the route shown with its base path, as a client calls it.</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<EndpointSummary> rows) =>
        TextTable.Write(output, ["REPO", "METHOD", "PATH", "OPERATION", "FILE:LINE", "CONSUMERS"],
            rows.Select(r => new[]
            {
                r.Repo, r.Method, r.Path + (r.Deprecated ? " (deprecated)" : ""), r.OperationId ?? "-",
                $"{r.File}:{r.Line}", r.Consumers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
}
