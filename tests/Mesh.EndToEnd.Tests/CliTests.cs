using System.Text.Json.Nodes;
using Mesh.EndToEnd.Tests.Infrastructure;
using Mesh.Testing;

namespace Mesh.EndToEnd.Tests;

/// <summary>The <c>mesh</c> verbs for people and CI, run as child processes the way a script would.</summary>
public sealed class CliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static Task<ChildProcess.Completed> Mesh(params string[] arguments)
    {
        var (command, args) = MeshBuild.Mesh(arguments);
        return ChildProcess.RunAsync(command, args, Timeout);
    }

    [Fact]
    public async Task Index_then_apis_and_graph_print_json_with_the_documented_fields()
    {
        using var workspace = SampleWorkspace.Create();

        var index = await Mesh("index", "--workspace", workspace.Root);
        var apis = await Mesh("apis", "--json", "--workspace", workspace.Root);
        var graph = await Mesh("graph", "--format", "json", "--workspace", workspace.Root);

        Assert.True(index.ExitCode == 0, index.ToString());
        Assert.Contains("Indexed 2 repo(s)", index.Stdout);
        Assert.True(apis.ExitCode == 0, apis.ToString());
        var rows = JsonNode.Parse(apis.Stdout)!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(SampleWorkspace.Operations,
            rows.Select(r => (S(r, "repo"), S(r, "method"), S(r, "path"), S(r, "file"), r["line"]!.GetValue<int>())));
        Assert.All(rows, r =>
        {
            Assert.Equal($"{S(r, "repo")}:{S(r, "method")}:", S(r, "id")[..(S(r, "repo").Length + S(r, "method").Length + 2)]);
            Assert.Equal("openapi", S(r, "source"));
            Assert.StartsWith("openapi-", S(r, "framework"));
        });

        Assert.True(graph.ExitCode == 0, graph.ToString());
        var document = JsonNode.Parse(graph.Stdout)!.AsObject();
        Assert.Equal(["billing", "orders"], document["repos"]!.AsArray().Select(r => S(r!.AsObject(), "name")));
        Assert.All(document["repos"]!.AsArray(), r => Assert.Matches("^[0-9a-f]{40}$", S(r!.AsObject(), "revision")));
        var endpoints = document["endpoints"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(rows.Select(r => S(r, "id")), endpoints.Select(e => S(e, "id")));
        foreach (var field in new[] { "id", "repo", "method", "path", "source", "framework", "file", "line" })
            Assert.All(endpoints, e => Assert.True(e.ContainsKey(field), $"graph endpoint lacks '{field}': {e.ToJsonString()}"));
        Assert.IsType<JsonArray>(document["call_sites"]);
        Assert.IsType<JsonArray>(document["links"]);
    }

    [Fact]
    public async Task Diff_exit_codes_tell_ok_from_breaking_from_tool_failure()
    {
        using var workspace = SampleWorkspace.Create();
        var orders = Path.Combine(workspace.Root, "orders", SampleWorkspace.OrdersSpec);

        var unchanged = await Mesh("diff", "--repo", "orders", "--workspace", workspace.Root);
        await File.WriteAllTextAsync(orders, Specs.OrdersYaml.Replace("  /orders/{id}:", "  /orders/{id}/v2:", StringComparison.Ordinal));
        var breaking = await Mesh("diff", "--repo", "orders", "--format", "json", "--workspace", workspace.Root);
        var badRef = await Mesh("diff", "--repo", "orders", "--base", "no-such-branch", "--workspace", workspace.Root);
        var badArgument = await Mesh("diff", "--repo", "orders", "--format", "yaml", "--workspace", workspace.Root);

        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.True(breaking.ExitCode == 1, breaking.ToString());
        var changes = JsonNode.Parse(breaking.Stdout)!["changes"]!.AsArray();
        Assert.Contains(changes, c => S(c!.AsObject(), "level") == "ERR" && S(c!.AsObject(), "path") == "/orders/{id}");
        Assert.True(badRef.ExitCode == 2, badRef.ToString());
        Assert.Contains("unknown ref 'no-such-branch'", badRef.Stderr);
        Assert.True(badArgument.ExitCode == 2, badArgument.ToString());
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_prints_one_sentence_and_exits_2()
    {
        using var workspace = SampleWorkspace.Create();
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        var serve = await Mesh("serve", "--http", "--urls", $"http://127.0.0.1:{port}", "--workspace", workspace.Root);

        Assert.True(serve.ExitCode == 2, serve.ToString());
        var line = Assert.Single(serve.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"mesh: cannot listen on http://127.0.0.1:{port}: the port is already in use", line);
    }

    private static string S(JsonObject o, string name) => o[name]!.GetValue<string>();
}
