using System.Diagnostics;
using System.Text.Json;
using Mesh.Bench;
using Mesh.Engine.Extraction.CSharp;

// Extraction throughput of the C# extractor on a generated corpus (not a test: it reports numbers, gates nothing).
// Usage: dotnet run -c Release --project bench/Mesh.Bench -- --scale 20,200,1000 [--seed N] [--out DIR] [--lines-per-repo N] [--keep]
//    or: dotnet run -c Release --project bench/Mesh.Bench -- --stages-of WORKSPACE   (where a cold index of a kept workspace spends its time)
//    or: dotnet run -c Release --project bench/Mesh.Bench -- [services=1600] [seed=7] [--parse-only | --index | --tree-sitter | --linking | --diff [--shared DIR] | --extract [javascript|python] | --python]
if (args.SkipWhile(a => a != "--stages-of").Skip(1).FirstOrDefault() is { } stagesFolder)
{
    Console.WriteLine(await Mesh.Bench.Scale.StageBreakdown.MeasureFolder(stagesFolder));
    return 0;
}
if (args.Contains("--scale"))
    return await Mesh.Bench.Scale.ScaleBench.Run(args);
if (args.Contains("--diff"))
    return await DiffBench.Run(args.SkipWhile(a => a != "--shared").Skip(1).FirstOrDefault() ?? Path.Combine(AppContext.BaseDirectory, "../../../../../../shared"));
if (args.Contains("--extract"))
    return ExtractionBench.Run(args, args.Length > 0 && int.TryParse(args[0], out var extractServices) ? extractServices : 400, args.Length > 1 && int.TryParse(args[1], out var extractSeed) ? extractSeed : 7);

if (args.Contains("--python"))
    return PythonBench.Run(args.Length > 0 && int.TryParse(args[0], out var pyServices) ? pyServices : 750, args.Length > 1 && int.TryParse(args[1], out var pySeed) ? pySeed : 7);
if (args.Contains("--tree-sitter"))
    return TreeSitterBench.Run(args.Length > 0 && int.TryParse(args[0], out var files) ? files : 1600, args.Length > 1 && int.TryParse(args[1], out var tsSeed) ? tsSeed : 7);

var services = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 1600;
var seed = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 7;
var corpus = CSharpCorpus.Generate(services, seed).ToList();
var bytes = corpus.Sum(f => (long)f.Content.Length);
var lines = corpus.Sum(f => f.Content.Count(b => b == (byte)'\n'));
var extractor = new CSharpExtractor();

(double Seconds, int Endpoints, int CallSites) Pass()
{
    var clock = Stopwatch.StartNew();
    int endpoints = 0, callSites = 0;
    foreach (var (path, content) in corpus)
    {
        var facts = extractor.Extract(path, content);
        endpoints += facts.Endpoints.Count;
        callSites += facts.CallSites.Count;
    }
    return (clock.Elapsed.TotalSeconds, endpoints, callSites);
}

if (args.Contains("--parse-only"))
{
    var texts = corpus.Select(f => System.Text.Encoding.UTF8.GetString(f.Content)).ToList();
    for (var pass = 0; pass < 2; pass++)
    {
        var parseClock = Stopwatch.StartNew();
        foreach (var text in texts) Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, CSharpFile.ParseOptions).GetRoot();
        Console.WriteLine($"parse only, pass {pass + 1}: {lines / parseClock.Elapsed.TotalSeconds:N0} lines/s");
    }
    return 0;
}

if (args.Contains("--linking"))
    return await LinkingBench.Run(args.Length > 0 && int.TryParse(args[0], out var r) ? r : 200, seed);

if (args.Contains("--parallel"))
{
    for (var pass = 0; pass < 3; pass++)
    {
        var parallelClock = Stopwatch.StartNew();
        if (args.Contains("--parse-only-parallel"))
            Parallel.ForEach(corpus, f => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(System.Text.Encoding.UTF8.GetString(f.Content), CSharpFile.ParseOptions).GetRoot());
        else
            Parallel.ForEach(corpus, f => extractor.Extract(f.Path, f.Content));
        Console.WriteLine($"parallel pass {pass + 1} ({Environment.ProcessorCount} cores): {lines / parallelClock.Elapsed.TotalSeconds:N0} lines/s");
    }
    return 0;
}

if (args.Contains("--index"))
{
    var root = Path.Combine(Path.GetTempPath(), $"mesh-bench-{Guid.NewGuid():N}");
    var repoPath = Path.Combine(root, "svc");
    BenchRepo.Create(repoPath, corpus);
    var index = Mesh.Engine.Indexing.WorkspaceIndex.Open(root);
    var clockIndex = Stopwatch.StartNew();
    var coldReport = await index.IndexAsync(new Mesh.Engine.Indexing.IndexRequest());
    var coldSeconds = clockIndex.Elapsed.TotalSeconds;
    clockIndex.Restart();
    var warmReport = await index.IndexAsync(new Mesh.Engine.Indexing.IndexRequest(Force: true));
    var warmSeconds = clockIndex.Elapsed.TotalSeconds;
    Console.WriteLine("| index (git repo → SQLite) | cold: empty cache | warm: forced re-index, all cached |");
    Console.WriteLine("| --- | --- | --- |");
    Console.WriteLine($"| {corpus.Count:N0} files, {lines:N0} lines | {coldSeconds:0.0} s, {lines / coldSeconds:N0} lines/s, {coldReport.FilesParsed:N0} parsed | {warmSeconds:0.0} s, {warmReport.FilesParsed} parsed |");
    foreach (var (label, report) in new[] { ("cold", coldReport), ("warm", warmReport) })
        if (report.Repos[0].Stages is { } st) Console.WriteLine($"{label}: read+extract {st.Read.TotalSeconds:0.00} s, resolve {st.Resolve.TotalSeconds:0.00} s, write {st.Write.TotalSeconds:0.00} s");
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories)) file.Attributes = FileAttributes.Normal;
    Directory.Delete(root, recursive: true);
    return coldReport.Endpoints == services * CSharpCorpus.EndpointsPerService ? 0 : 1;
}

var cold = Pass();
var warm = Pass();
var expected = services * CSharpCorpus.EndpointsPerService;
var result = new
{
    machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
    files = corpus.Count,
    lines,
    megabytes = Math.Round(bytes / 1048576.0, 2),
    cold = new { seconds = Math.Round(cold.Seconds, 2), lines_per_second = (int)(lines / cold.Seconds), mb_per_second = Math.Round(bytes / 1048576.0 / cold.Seconds, 2) },
    warm = new { seconds = Math.Round(warm.Seconds, 2), lines_per_second = (int)(lines / warm.Seconds), mb_per_second = Math.Round(bytes / 1048576.0 / warm.Seconds, 2) },
    endpoints = warm.Endpoints,
    call_sites = warm.CallSites,
};
Console.WriteLine("| corpus | cold (first pass, incl. JIT) | warm (steady state) |");
Console.WriteLine("| --- | --- | --- |");
Console.WriteLine($"| {corpus.Count:N0} files, {lines:N0} lines, {result.megabytes} MB | {result.cold.lines_per_second:N0} lines/s, {result.cold.mb_per_second} MB/s | {result.warm.lines_per_second:N0} lines/s, {result.warm.mb_per_second} MB/s |");
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
if (warm.Endpoints != expected)
{
    Console.Error.WriteLine($"expected {expected} endpoints from the corpus, found {warm.Endpoints}: the extractor or the generator is wrong");
    return 1;
}
return 0;
