using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mesh.Engine.Extraction;
using Mesh.Engine.Extraction.JavaScript;
using Mesh.Engine.Extraction.Python;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Bench;

/// <summary>
/// Full extraction throughput (parse + every reader) of the tree-sitter extractors, one thread, in MB per CPU second. Each language
/// runs in a process of its own, so the cold figure (first pass, JIT included) is not warmed by another language.
/// The fingerprint hashes every fact, to check that a change of the extractor's internals changed no output.
/// </summary>
internal static class ExtractionBench
{
    private const int Passes = 4;

    public static int Run(string[] args, int services, int seed)
    {
        var language = args.SkipWhile(a => a != "--extract").Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _));
        if (language is not null) return Measure(args, language, services, seed);

        Console.WriteLine($"| language | files | MB | cold (first pass, incl. JIT) | warm (steady state) | parsing alone | endpoints | call sites | fingerprint |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var failed = 0;
        foreach (var name in new[] { "javascript", "python" })
        {
            var self = Environment.ProcessPath!;
            var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
                ? new ProcessStartInfo(self) { ArgumentList = { typeof(ExtractionBench).Assembly.Location } }
                : new ProcessStartInfo(self);
            foreach (var argument in new[] { services.ToString(System.Globalization.CultureInfo.InvariantCulture), seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--extract", name })
                start.ArgumentList.Add(argument);
            foreach (var argument in args.SkipWhile(a => a != "--dir").Take(2)) start.ArgumentList.Add(argument);
            start.RedirectStandardOutput = true;
            using var child = Process.Start(start)!;
            Console.Write(child.StandardOutput.ReadToEnd());
            child.WaitForExit();
            if (child.ExitCode != 0) failed++;
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Every file under the folder the extractor reads (not minified, within its size limit), in path order.</summary>
    private static List<(string Path, byte[] Content)> Read(string folder, IFileExtractor extractor) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(extractor.Accepts)
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllBytes(Path.Combine(folder, f))))
            .Where(f => f.Item2.Length <= extractor.MaxFileBytes && !Minified(f.Item2))
            .ToList();

    // The extractors skip minified bundles unread; counting their bytes would inflate the figure.
    private static bool Minified(byte[] content) => Encoding.UTF8.GetString(content).Split('\n').Any(line => line.Length > 2000);

    private static int Measure(string[] args, string language, int services, int seed)
    {
        IFileExtractor extractor;
        List<(string Path, byte[] Content)> corpus;
        // --dir FOLDER: real code instead of the generated corpus (e.g. unpacked npm or PyPI packages).
        var folder = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault();
        switch (language)
        {
            case "javascript":
                extractor = new JavaScriptExtractor();
                corpus = folder is null ? ScriptCorpus.Generate(services, seed).ToList() : Read(folder, extractor);
                break;
            case "python":
                extractor = new PythonExtractor();
                corpus = folder is null ? PythonCorpus.Generate(services, seed).Files : Read(folder, extractor);
                break;
            default:
                Console.Error.WriteLine($"unknown language '{language}'; known: javascript, python");
                return 2;
        }
        var megabytes = corpus.Sum(f => (long)f.Content.Length) / 1048576.0;
        var seconds = new double[Passes];
        List<FileFacts> facts = [];
        for (var pass = 0; pass < Passes; pass++)
        {
            facts = new List<FileFacts>(corpus.Count);
            var clock = CpuClock.Start();
            foreach (var (path, content) in corpus) facts.Add(extractor.Extract(path, content));
            seconds[pass] = clock.Seconds;
        }
        var warm = seconds.Skip(1).Min();
        var parse = double.MaxValue;
        for (var pass = 0; pass < 2; pass++)
        {
            var clock = CpuClock.Start();
            foreach (var (path, content) in corpus)
                using (ParserPool.Shared.Parse(Language.ForPath(path)!, content)) { }
            parse = Math.Min(parse, clock.Seconds);
        }
        Console.WriteLine($"| {language} | {corpus.Count:N0} | {megabytes:0.0} | {megabytes / seconds[0]:0.0} MB/s | {megabytes / warm:0.0} MB/s | {megabytes / parse:0.0} MB/s | " +
                          $"{facts.Sum(f => f.Endpoints.Count):N0} | {facts.Sum(f => f.CallSites.Count):N0} | {Fingerprint(corpus, facts)} |");
        // MESH_BENCH_FACTS=DIR writes each file's facts as a JSON line, to diff two builds of an extractor.
        if (Environment.GetEnvironmentVariable("MESH_BENCH_FACTS") is { Length: > 0 } factsFolder)
            File.WriteAllLines(Path.Combine(factsFolder, language + ".jsonl"), corpus.Select((f, i) => f.Path + "\t" + JsonSerializer.Serialize(facts[i])));
        return 0;
    }

    /// <summary>
    /// The process's CPU time (JIT and GC threads included), not wall time: the development machine is shared, and a
    /// figure per core should not drop because another process ran.
    /// </summary>
    private readonly struct CpuClock
    {
        private readonly TimeSpan start;

        private CpuClock(TimeSpan start) => this.start = start;

        public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime);

        public double Seconds => (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds;
    }

    private static string Fingerprint(List<(string Path, byte[] Content)> corpus, List<FileFacts> facts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < corpus.Count; i++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(corpus[i].Path));
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(facts[i]));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
