using System.Text.Json.Nodes;
using Mesh.EndToEnd.Tests.Infrastructure;
using Mesh.Testing;

namespace Mesh.EndToEnd.Tests;

/// <summary>The built <c>mesh serve</c> in its own process, driven over stdio by the TypeScript SDK's client.</summary>
public sealed class StdioClientTests
{
    private static Task<ClientReport> Serve(TempWorkspace workspace, params JsonObject[] steps)
    {
        var (command, arguments) = MeshBuild.Mesh("serve", "--workspace", workspace.Root);
        return TypeScriptClient.RunAsync(command, arguments, steps);
    }

    [Fact]
    public async Task An_independent_client_over_stdio_lists_mesh_tools_with_annotations()
    {
        using var workspace = SampleWorkspace.Create();

        var report = await Serve(workspace, Step.ListTools());

        Assert.Equal("mesh", report.Server?["name"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(report.Server?["version"]?.GetValue<string>()));
        Assert.Contains("reindex", report.Instructions);
        var tools = report.Result(0)["tools"]!.AsArray().Select(t => t!.AsObject()).ToDictionary(t => t["name"]!.GetValue<string>());
        Assert.Contains("list_apis", tools.Keys);
        Assert.Contains("reindex", tools.Keys);
        Assert.True(tools["list_apis"]["annotations"]?["readOnlyHint"]?.GetValue<bool>(), "list_apis must declare readOnlyHint: true");
        Assert.False(tools["reindex"]["annotations"]?["readOnlyHint"]?.GetValue<bool>() ?? true, "reindex writes the index: readOnlyHint false");
        foreach (var (name, tool) in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool["description"]?.GetValue<string>()), $"{name} has no description");
            Assert.True(tool["outputSchema"] is JsonObject, $"{name} has no outputSchema");
            var annotations = tool["annotations"]?.AsObject();
            Assert.True(annotations is not null, $"{name} declares no annotations");
            foreach (var hint in new[] { "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint" })
                Assert.True(annotations.ContainsKey(hint), $"{name} does not set {hint} (the default is the unsafe value)");
            Assert.False(annotations["openWorldHint"]!.GetValue<bool>(), $"{name} must not claim the open world: Mesh is offline");
        }
    }

    [Fact]
    public async Task The_server_answers_from_the_store_and_says_when_it_is_empty()
    {
        using var workspace = SampleWorkspace.Create();

        var report = await Serve(workspace,
            Step.ListTools(),
            Step.Call("list_apis"),
            Step.ReadResource("mesh://repos"));

        var list = report.Result(1);
        Assert.True(list["isError"]?.GetValue<bool>() != true, $"list_apis failed: {list.ToJsonString()}{report.Because}");
        var structured = list["structuredContent"]!.AsObject();
        Assert.Empty(structured["endpoints"]!.AsArray());
        Assert.Equal(0, structured["total"]!.GetValue<int>());
        Assert.Contains("reindex", structured["note"]?.GetValue<string>());
        Assert.Contains("reindex", Text(list));
        // Start-up must not have indexed anything behind the client's back.
        var repos = JsonNode.Parse(report.Result(2)["contents"]![0]!["text"]!.GetValue<string>())!["repos"]!.AsArray();
        Assert.Equal(["billing", "orders"], repos.Select(r => r!["name"]!.GetValue<string>()));
        Assert.All(repos, r =>
        {
            Assert.Null(r!["revision"]);
            Assert.Equal(0, r["endpoints"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Reindex_over_stdio_sends_progress_and_then_list_apis_finds_every_operation()
    {
        using var workspace = SampleWorkspace.Create();

        var report = await Serve(workspace,
            Step.ListTools(),
            Step.Call("reindex", progress: true),
            Step.Call("list_apis"));

        var reindex = report.Result(1);
        Assert.True(reindex["isError"]?.GetValue<bool>() != true, $"reindex failed: {reindex.ToJsonString()}{report.Because}");
        Assert.Equal(SampleWorkspace.Operations.Count, reindex["structuredContent"]!["endpoints"]!.GetValue<int>());
        var progress = report.Progress(1);
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(2, p["total"]!.GetValue<double>()));
        Assert.Equal(2, progress[^1]["progress"]!.GetValue<double>());
        var values = progress.Select(p => p["progress"]!.GetValue<double>()).ToList();
        // MCP: "The progress value MUST increase with each notification".
        Assert.True(values.Zip(values.Skip(1)).All(pair => pair.Second > pair.First), $"progress values do not increase: {string.Join(", ", values)}");

        var list = report.Result(2);
        Assert.True(list["isError"]?.GetValue<bool>() != true, $"list_apis failed: {list.ToJsonString()}{report.Because}");
        var endpoints = list["structuredContent"]!["endpoints"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(SampleWorkspace.Operations,
            endpoints.Select(e => (Str(e, "repo"), Str(e, "method"), Str(e, "path"), Str(e, "file"), e["line"]!.GetValue<int>())));
        var text = Text(list);
        foreach (var e in endpoints)
            Assert.Contains($"- `{Str(e, "method")} {Str(e, "path")}`  in `{Str(e, "repo")}` at `{Str(e, "file")}:{e["line"]}`", text);
        Assert.Equal(endpoints.Count, text.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bad_arguments_get_an_isError_result_and_the_server_keeps_serving()
    {
        using var workspace = SampleWorkspace.Create();

        var report = await Serve(workspace,
            Step.ListTools(),
            Step.Call("reindex"),
            Step.Call("list_apis", new { repo = "ordrs" }),
            Step.Call("list_apis", new { limit = 0 }),
            Step.Call("list_apis", new { cursor = "not-a-cursor" }),
            Step.Call("list_apis", new { method = "FETCH" }),
            Step.Call("reindex", new { repo = "biling" }),
            Step.Call("list_apis", new { repo = "orders", limit = 2 }));

        AssertError(report, 2, "unknown repo 'ordrs'", "did you mean 'orders'", "known: billing, orders");
        AssertError(report, 3, "limit 0", "1 to 200");
        AssertError(report, 4, "cursor is not valid");
        AssertError(report, 5, "method 'FETCH'", "GET");
        AssertError(report, 6, "unknown repo 'biling'", "did you mean 'billing'");
        var good = report.Result(7);
        Assert.True(good["isError"]?.GetValue<bool>() != true, $"the server stopped answering after bad arguments: {good.ToJsonString()}{report.Because}");
        var structured = good["structuredContent"]!;
        Assert.Equal(2, structured["endpoints"]!.AsArray().Count);
        Assert.Equal(3, structured["total"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(structured["next_cursor"]?.GetValue<string>()));
    }

    private static void AssertError(ClientReport report, int step, params string[] fragments)
    {
        var result = report.Result(step);
        Assert.True(result["isError"]?.GetValue<bool>() == true, $"step {step} should be an isError result: {result.ToJsonString()}{report.Because}");
        var text = Text(result);
        foreach (var fragment in fragments) Assert.Contains(fragment, text);
    }

    private static string Text(JsonObject result) =>
        string.Join('\n', result["content"]!.AsArray().Where(c => c!["type"]!.GetValue<string>() == "text").Select(c => c!["text"]!.GetValue<string>()));

    private static string Str(JsonObject o, string name) => o[name]!.GetValue<string>();
}
