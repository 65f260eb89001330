using System.Globalization;
using System.Text;

namespace Mesh.Bench.Scale;

/// <summary>Every figure of one scale.</summary>
public sealed record ScaleResult(
    int Repos,
    int Files,
    long Lines,
    long Bytes,
    double GenerateSeconds,
    IndexRun Cold,
    IndexRun WarmUnchanged,
    IndexRun WarmChanged,
    int FilesChanged,
    long StoreBytes,
    double StartupMs,
    double CliStartMs,
    Latency ListApis,
    Latency FindConsumers,
    Latency DiffSchema,
    int DeclaredLinks,
    int DeclaredLinksAnswered,
    string LoadAverage)
{
    public double LinesPerSecond => Lines / Cold.WallSeconds;
    public double FilesPerSecond => Files / Cold.WallSeconds;
    public double MegabytesPerSecond => Bytes / 1048576.0 / Cold.WallSeconds;
}

/// <summary>A target of issue 9, judged on one scale's figures; null when it does not apply to that scale.</summary>
public sealed record PerformanceTarget(string Name, Func<ScaleResult, bool?> Met);

/// <summary>The markdown tables the benchmark prints and README shows.</summary>
public static class ScaleReport
{
    private const long GiB = 1L << 30;

    public static readonly IReadOnlyList<PerformanceTarget> Targets =
    [
        new("cold index ≥ 100k lines/s", r => r.LinesPerSecond >= 100_000),
        new("warm no-change re-index of ≥ 1M lines < 2 s", r => r.Lines >= 1_000_000 ? r.WarmUnchanged.WallSeconds < 2 : null),
        new("tool calls p95 < 50 ms", r => Math.Max(r.ListApis.P95, Math.Max(r.FindConsumers.P95, r.DiffSchema.P95)) < 50),
        new("start-up to first answer < 500 ms", r => r.StartupMs < 500),
        new("peak memory < 1 GiB", r => r.Cold.PeakBytes < GiB && r.WarmChanged.PeakBytes < GiB),
    ];

    public static string Table(IReadOnlyList<ScaleResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| repos | files | lines | MB | cold index | lines/s | files/s | MB/s | peak RSS | warm, nothing changed | warm, 1 % changed | list_apis p50/p95/p99 | find_consumers p50/p95/p99 | diff_schema p50/p95/p99 | start-up (CLI alone) | store | load avg |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | --- |");
        foreach (var r in results)
            text.AppendLine(Invariant($"| {r.Repos:N0} | {r.Files:N0} | {r.Lines:N0} | {r.Bytes / 1048576.0:0.0} | {r.Cold.WallSeconds:0.0} s (CPU {r.Cold.CpuSeconds:0.0} s) | {r.LinesPerSecond:N0} | {r.FilesPerSecond:N0} | {r.MegabytesPerSecond:0.00} | {r.Cold.PeakBytes / 1048576.0:N0} MiB | {r.WarmUnchanged.WallSeconds:0.00} s | {r.WarmChanged.WallSeconds:0.00} s ({r.FilesChanged:N0} files, {r.WarmChanged.FilesParsed:N0} parsed) | {r.ListApis} ms | {r.FindConsumers} ms | {r.DiffSchema} ms | {r.StartupMs:N0} ms ({r.CliStartMs:N0} ms) | {r.StoreBytes / 1048576.0:0.0} MiB | {r.LoadAverage} |"));
        return text.ToString();
    }

    /// <summary>One row per target, one column per scale: ✓ met, ✗ missed, – not applicable.</summary>
    public static string TargetTable(IReadOnlyList<ScaleResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | " + string.Join(" | ", results.Select(r => Invariant($"{r.Repos:N0} repos"))) + " |");
        text.AppendLine("| --- |" + string.Concat(results.Select(_ => " :---: |")));
        foreach (var target in Targets)
            text.AppendLine($"| {target.Name} | " + string.Join(" | ", results.Select(r => target.Met(r) switch { true => "✓", false => "✗", null => "–" })) + " |");
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
