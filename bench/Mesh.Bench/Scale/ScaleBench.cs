using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mesh.Bench.Scale;

/// <summary>
/// Mesh at 20 → 200 → 1,000 repos: generates each workspace (<see cref="ScaleWorkspace"/>), runs the built <c>mesh index</c>
/// as a child process (cold, warm with nothing changed, warm after 1 % of the files changed), then <c>mesh serve</c> under
/// the MCP SDK's stdio client for start-up and tool latencies. Prints a markdown table and writes it with JSON to --out.
/// Timing never fails the run; a declared link that the server does not answer does.
/// </summary>
public static class ScaleBench
{
    private const int CallsPerTool = 200;
    private const int DiffCalls = 60;
    private const int WarmUpCalls = 3;

    /// <param name="ServeOnly">Measure only the MCP server, on workspaces a run with --keep left in --out (already indexed and changed).</param>
    /// <param name="Built">Run the build output instead of the published (ReadyToRun) server the tool package installs.</param>
    public sealed record Arguments(IReadOnlyList<int> Scales, int Seed, string Out, int LinesPerRepo, bool Keep, bool Stages = false, bool ServeOnly = false, bool Built = false)
    {
        public static Arguments Parse(IReadOnlyList<string> args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var scales = (Value("--scale") ?? "20,200").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, out var n) && n >= 2 ? n : throw new ArgumentException($"--scale takes repo counts ≥ 2 separated by commas, e.g. 20,200,1000; got '{s}'"))
                .ToList();
            return new Arguments(scales, int.TryParse(Value("--seed"), out var seed) ? seed : 7,
                Path.GetFullPath(Value("--out") ?? Path.Combine(Path.GetTempPath(), "mesh-scale-bench")),
                int.TryParse(Value("--lines-per-repo"), out var lines) ? lines : 2000, args.Contains("--keep"), args.Contains("--stages"), args.Contains("--serve-only"),
                args.Contains("--built"));
        }
    }

    public static async Task<int> Run(IReadOnlyList<string> args)
    {
        var arguments = Arguments.Parse(args);
        Directory.CreateDirectory(arguments.Out);
        if (!arguments.Built) await MeshProcess.PublishAsync();
        Console.WriteLine($"mesh: {MeshProcess.MeshDll}{(MeshProcess.Published ? " (published, ReadyToRun)" : " (build output)")}");
        var results = new List<ScaleResult>();
        var failures = 0;
        if (arguments.ServeOnly)
        {
            foreach (var scale in arguments.Scales)
            {
                var options = new ScaleOptions(scale, arguments.Seed, arguments.LinesPerRepo);
                var planned = ScaleWorkspace.Plan(Path.Combine(arguments.Out, $"ws-{scale}"), options);
                var apiChanged = planned.Repos.Where((_, i) => i % 50 == 0).Select(r => r.Name).ToList();
                var change = new ChangeSet(0, apiChanged, apiChanged);
                var expected = ScaleWorkspace.LinksAfter(planned, change);
                Console.WriteLine($"\n== {scale} repos, server only (load average {LoadAverage()}) ==");
                var (startup, list, find, diff, answered) = await Serve(planned.Root, planned, change, expected);
                Console.WriteLine($"start-up to first answer {startup:N0} ms; list_apis {list} ms, find_consumers {find} ms, diff_schema {diff} ms (p50/p95/p99)");
                Console.WriteLine($"declared links answered by find_consumers: {answered} of {expected.Count}");
            }
            return 0;
        }
        foreach (var scale in arguments.Scales)
        {
            var (result, missing) = await RunScale(arguments, scale);
            results.Add(result);
            failures += missing;
            Write(arguments, results);
        }
        Console.WriteLine();
        Console.WriteLine(ScaleReport.Table(results));
        Console.WriteLine(ScaleReport.TargetTable(results));
        Console.WriteLine($"results: {Path.Combine(arguments.Out, "results.md")} and results.json");
        return failures == 0 ? 0 : 1;
    }

    private static void Write(Arguments arguments, IReadOnlyList<ScaleResult> results)
    {
        var machine = $"{Environment.ProcessorCount} vCPUs, {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9)} GB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
        File.WriteAllText(Path.Combine(arguments.Out, "results.md"),
            $"Machine: {machine}; seed {arguments.Seed}, ~{arguments.LinesPerRepo} lines per repo; mesh {(MeshProcess.Published ? "published ReadyToRun, as the tool package installs it" : "build output (--built)")}.\n\n{ScaleReport.Table(results)}\n{ScaleReport.TargetTable(results)}");
        var json = new JsonObject
        {
            ["machine"] = machine,
            ["seed"] = arguments.Seed,
            ["lines_per_repo"] = arguments.LinesPerRepo,
            ["scales"] = JsonSerializer.SerializeToNode(results, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }),
            ["targets"] = new JsonArray(ScaleReport.Targets.Select(t => (JsonNode)new JsonObject
            {
                ["target"] = t.Name,
                ["met"] = new JsonArray(results.Select(r => (JsonNode?)(t.Met(r) is { } met ? JsonValue.Create(met) : null)).ToArray()),
            }).ToArray()),
        };
        File.WriteAllText(Path.Combine(arguments.Out, "results.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static async Task<(ScaleResult Result, int Missing)> RunScale(Arguments arguments, int repos)
    {
        var root = Path.Combine(arguments.Out, $"ws-{repos}");
        if (Directory.Exists(root)) DeleteTree(root);
        Console.WriteLine($"\n== {repos} repos (load average {LoadAverage()}) ==");
        var clock = Stopwatch.StartNew();
        var workspace = ScaleWorkspace.Write(root, new ScaleOptions(repos, arguments.Seed, arguments.LinesPerRepo));
        var generate = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"generated {workspace.Files:N0} files, {workspace.Lines:N0} lines, {workspace.Bytes / 1048576.0:0.0} MB, {workspace.Links.Count:N0} declared links in {generate:0.0} s");

        var cold = await MeshProcess.IndexAsync(root);
        Console.WriteLine(Describe("cold index", cold));
        var unchanged = await MeshProcess.IndexAsync(root);
        Console.WriteLine(Describe("warm, nothing changed", unchanged));
        var change = ScaleWorkspace.Change(workspace, 0.01, arguments.Seed + 1);
        var changed = await MeshProcess.IndexAsync(root);
        Console.WriteLine(Describe($"warm, {change.FilesChanged} files changed in {change.ReposCommitted.Count} repos", changed));
        var store = StoreBytes(root);
        var cliStart = await MeshProcess.HelpMilliseconds();
        Console.WriteLine($"the CLI alone (mesh --help, host + runtime start): {cliStart:N0} ms");

        var expected = ScaleWorkspace.LinksAfter(workspace, change);
        var (startup, list, find, diff, answered) = await Serve(root, workspace, change, expected);
        Console.WriteLine($"start-up to first answer {startup:N0} ms; list_apis {list} ms, find_consumers {find} ms, diff_schema {diff} ms (p50/p95/p99)");
        Console.WriteLine($"declared links answered by find_consumers: {answered} of {expected.Count}");
        var result = new ScaleResult(repos, workspace.Files, workspace.Lines, workspace.Bytes, generate, cold, unchanged, changed, change.FilesChanged, store,
            startup, cliStart, list, find, diff, expected.Count, answered, LoadAverage());
        if (arguments.Stages) Console.WriteLine(await StageBreakdown.Measure(workspace));
        if (!arguments.Keep) DeleteTree(root);
        return (result, expected.Count - answered);
    }

    private static string Describe(string what, IndexRun run) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {run.WallSeconds:0.00} s wall (mesh reports {run.ReportedSeconds:0.00} s indexing + {run.LinkSeconds:0.00} s linking), CPU {run.CpuSeconds:0.0} s, peak {run.PeakBytes / 1048576.0:N0} MiB; {run.FilesSeen:N0} files seen, {run.FilesParsed:N0} parsed, {run.Endpoints:N0} endpoints, {run.Links:N0} links");

    /// <summary>
    /// <c>mesh serve</c> under the SDK's stdio client: start-up is process start to the first answered list_apis; then each
    /// tool is called many times with varied arguments. Every declared link's endpoint is asked for its consumers.
    /// </summary>
    private static async Task<(double StartupMs, Latency List, Latency Find, Latency Diff, int Answered)> Serve(string root, GeneratedWorkspace workspace, ChangeSet change, IReadOnlyList<DeclaredLink> expected)
    {
        var (command, arguments) = MeshProcess.Command("serve", "--workspace", root);
        var clock = Stopwatch.StartNew();
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mesh",
            Command = command,
            Arguments = arguments,
            StandardErrorLines = _ => { },
        }));
        var initialized = clock.Elapsed.TotalMilliseconds;
        var first = await client.CallToolAsync("list_apis", new Dictionary<string, object?> { ["limit"] = 10 });
        var startup = clock.Elapsed.TotalMilliseconds;
        Check(first, "list_apis");
        var again = Stopwatch.StartNew();
        Check(await client.CallToolAsync("list_apis", new Dictionary<string, object?> { ["limit"] = 10 }), "list_apis");
        Console.WriteLine($"  start-up: initialize answered at {initialized:N0} ms, first list_apis at {startup:N0} ms (the same call again: {again.Elapsed.TotalMilliseconds:N1} ms)");

        var random = new Random(1);
        var names = workspace.Repos.Select(r => r.Name).ToList();
        var list = await Time(client, "list_apis", CallsPerTool, i => (i % 4) switch
        {
            0 => new() { ["limit"] = 50 },
            1 => new() { ["repo"] = names[random.Next(names.Count)] },
            2 => new() { ["path"] = "items/{id}", ["method"] = "GET", ["limit"] = 50 },
            _ => new() { ["path"] = names[random.Next(names.Count)], ["limit"] = 20 },
        });
        var endpoints = expected.Select(l => l.Endpoint).Distinct().Order(StringComparer.Ordinal).ToList();
        var find = await Time(client, "find_consumers", CallsPerTool, _ => new() { ["endpoint_id"] = endpoints[random.Next(endpoints.Count)] });
        var diff = await Time(client, "diff_schema", DiffCalls, i => new()
        {
            ["repo"] = change.ApiChangedRepos[i % change.ApiChangedRepos.Count],
            ["base"] = "HEAD~1",
            ["head"] = "HEAD",
        });

        var answered = 0;
        foreach (var group in expected.GroupBy(l => l.Endpoint))
        {
            var result = await client.CallToolAsync("find_consumers", new Dictionary<string, object?> { ["endpoint_id"] = group.Key, ["limit"] = 200 });
            var structured = result.IsError == true ? null : JsonSerializer.SerializeToNode(result.StructuredContent);
            var consumers = structured?["consumers"]?.AsArray() ?? [];
            var found = consumers.Select(c => $"{c!["repo"]} {c["file"]}:{c["line"]}").ToHashSet(StringComparer.Ordinal);
            answered += group.Count(l => found.Contains($"{l.Repo} {l.File}:{l.Line}"));
            if (result.IsError == true) Console.WriteLine($"  find_consumers {group.Key}: {Text(result)}");
        }
        return (startup, list, find, diff, answered);
    }

    /// <summary>Times the calls; also prints the latencies per shape of arguments (which names were given), to show which is slow.</summary>
    private static async Task<Latency> Time(McpClient client, string tool, int calls, Func<int, Dictionary<string, object?>> arguments)
    {
        for (var i = 0; i < WarmUpCalls; i++) Check(await client.CallToolAsync(tool, arguments(i)), tool);
        var timings = new List<(string Shape, double Milliseconds)>(calls);
        for (var i = 0; i < calls; i++)
        {
            var args = arguments(i);
            var clock = Stopwatch.StartNew();
            var result = await client.CallToolAsync(tool, args);
            timings.Add((string.Join("+", args.Keys.Order(StringComparer.Ordinal)), clock.Elapsed.TotalMilliseconds));
            Check(result, tool);
        }
        foreach (var shape in timings.GroupBy(t => t.Shape).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {tool}({shape.Key}): {Latency.Of(shape.Select(t => t.Milliseconds).ToList())} ms");
        return Latency.Of(timings.Select(t => t.Milliseconds).ToList());
    }

    private static void Check(CallToolResult result, string tool)
    {
        if (result.IsError == true) throw new InvalidOperationException($"{tool} answered an error: {Text(result)}");
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static long StoreBytes(string root)
    {
        var store = new DirectoryInfo(Path.Combine(root, ".mesh"));
        return store.Exists ? store.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static void DeleteTree(string root)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories)) file.Attributes = FileAttributes.Normal;
        Directory.Delete(root, recursive: true);
    }
}
