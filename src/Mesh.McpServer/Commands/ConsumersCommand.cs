using System.CommandLine;
using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Context;
using Mesh.Engine.Queries;
using Mesh.Tools;

namespace Mesh.McpServer.Commands;

public static class ConsumersCommand
{
    public static Command Create(TextWriter output)
    {
        var method = new Argument<string>("METHOD") { Description = "HTTP method, e.g. GET" };
        var path = new Argument<string>("PATH") { Description = "Route, e.g. /orders/{id}" };
        var repo = new Option<string?>("--repo") { Description = "The providing repo, when several serve the route" };
        var noTests = new Option<bool>("--no-tests") { Description = "Leave out call sites in test code" };
        var json = new Option<bool>("--json") { Description = "JSON for scripts instead of a table" };
        var command = new Command("consumers", "List the call sites, in every repo, of one endpoint") { method, path, repo, noTests, json };
        command.SetAction(parsed =>
        {
            var index = Cli.OpenIndex(parsed);
            var repoName = parsed.GetValue(repo);
            if (repoName is not null) index.Repo(repoName);
            var endpoint = ConsumerQuery.Resolve(index.Store, null, ToolArguments.Method(parsed.GetValue(method)), parsed.GetValue(path), repoName);
            var answer = ConsumerQuery.Answer(index, endpoint, !parsed.GetValue(noTests), 0, int.MaxValue, excerpts: parsed.GetValue(json));
            var result = FindConsumersResult.From(answer, null);
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(result, MeshJson.Indented));
                return Cli.Ok;
            }
            output.WriteLine($"{OneLine.Of(endpoint.Method)} {OneLine.Of(endpoint.Path)} [{OneLine.Of(endpoint.Repo)}] {OneLine.Of(endpoint.File)}:{endpoint.Line}: {result.Total} consumer(s)");
            TextTable.Write(output, ["REPO", "FILE:LINE", "METHOD", "URL", "SCORE", "REASON"],
                result.Consumers.Select(c => new[] { c.Repo, $"{c.File}:{c.Line}", c.Method ?? "?", c.Url, c.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), c.Reason + (c.Via is null ? "" : $" via {c.Via}") }));
            if (result.PossibleUnresolved.Count > 0)
                output.WriteLine($"{result.PossibleUnresolved.Count} unresolved call site(s) might also target it: " +
                    string.Join("; ", result.PossibleUnresolved.Reasons.Select(r => $"{r.Count} {OneLine.Of(r.Reason)}")));
            return Cli.Ok;
        });
        return command;
    }
}
