using System.Diagnostics;
using System.Text.Json;
using Mesh.Engine.Extraction.Python;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Bench;

/// <summary>
/// Python extraction throughput on <see cref="PythonCorpus"/>, one thread: cold (the first pass, JIT included) and warm
/// (the third pass), next to tree-sitter's parse alone on the same files. MB/s per core divides by the process's CPU
/// time (JIT and GC threads included), which other work on a shared machine does not inflate; wall-clock MB/s is shown too.
/// </summary>
internal static class PythonBench
{
    private sealed record Measure(double Wall, double Cpu, double Jit, int Methods, int Endpoints, int CallSites);

    public static int Run(int services, int seed)
    {
        var (corpus, expected) = PythonCorpus.Generate(services, seed);
        var megabytes = corpus.Sum(f => (long)f.Content.Length) / 1048576.0;
        var lines = corpus.Sum(f => f.Content.Count(b => b == (byte)'\n'));
        var extractor = new PythonExtractor();

        Measure Timed(Func<(int, int)> work)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var clock = Stopwatch.StartNew();
            var (endpoints, callSites) = work();
            return new Measure(clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds,
                (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalSeconds, (int)(System.Runtime.JitInfo.GetCompiledMethodCount() - methods), endpoints, callSites);
        }

        Measure Pass() => Timed(() =>
        {
            int endpoints = 0, callSites = 0;
            foreach (var (path, content) in corpus)
            {
                var facts = extractor.Extract(path, content);
                endpoints += facts.Endpoints.Count;
                callSites += facts.CallSites.Count + facts.FixtureCalls.Count;
            }
            return (endpoints, callSites);
        });

        Measure ParseOnly() => Timed(() =>
        {
            foreach (var (_, content) in corpus)
                using (ParserPool.Shared.Parse(Language.Python, content)) { }
            return (0, 0);
        });

        var cold = Pass();
        Pass();
        var warm = Pass();
        ParseOnly();
        var parse = ParseOnly();
        object Figures(Measure m) => new
        {
            cpu_seconds = Math.Round(m.Cpu, 2),
            wall_seconds = Math.Round(m.Wall, 2),
            mb_per_second_per_core = Math.Round(megabytes / m.Cpu, 2),
            lines_per_second_per_core = (int)(lines / m.Cpu),
            mb_per_second_wall = Math.Round(megabytes / m.Wall, 2),
            jit_seconds = Math.Round(m.Jit, 2),
            jit_methods = m.Methods,
        };
        var result = new
        {
            machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            files = corpus.Count,
            lines,
            megabytes = Math.Round(megabytes, 2),
            cold = Figures(cold),
            warm = Figures(warm),
            parse_only = Figures(parse),
            endpoints = warm.Endpoints,
            call_sites = warm.CallSites,
        };
        Console.WriteLine("| Python corpus | cold (first pass, incl. JIT) | warm (third pass) | tree-sitter parse alone |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine($"| {corpus.Count:N0} files, {lines:N0} lines, {megabytes:0.00} MB | {megabytes / cold.Cpu:0.00} MB/s per core | {megabytes / warm.Cpu:0.00} MB/s per core | {megabytes / parse.Cpu:0.00} MB/s per core |");
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        if (warm.Endpoints != expected)
        {
            Console.Error.WriteLine($"expected {expected} endpoints from the Python corpus, found {warm.Endpoints}: the extractor or the generator is wrong");
            return 1;
        }
        return 0;
    }
}
