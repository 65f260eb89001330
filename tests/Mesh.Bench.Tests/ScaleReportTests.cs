using Mesh.Bench.Scale;

namespace Mesh.Bench.Tests;

public sealed class ScaleReportTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0.5, 1)]
    public void Nearest_rank_percentiles_of_one_to_a_hundred_are_the_rank_itself(double percent, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(Enumerable.Range(1, 100).Select(i => (double)i).ToList(), percent));

    [Fact]
    public void Percentiles_of_few_samples_round_up_to_the_next_sample()
    {
        var latency = Latency.Of([7, 1, 3, 5, 9, 2, 4, 6, 8, 10]);

        Assert.Equal(new Latency(10, 5, 10, 10), latency);
        Assert.Equal(42, Percentiles.NearestRank([42], 99));
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
    }

    [Fact]
    public void The_table_has_one_row_per_scale_and_targets_are_marked_met_missed_or_not_applicable()
    {
        var small = Result(repos: 20, lines: 40_000, coldSeconds: 0.5, warmSeconds: 0.3, p95: 12, startupMs: 900);
        var large = Result(repos: 1000, lines: 2_000_000, coldSeconds: 40, warmSeconds: 1.5, p95: 60, startupMs: 400);

        var table = ScaleReport.Table([small, large]).TrimEnd().Split('\n');
        var targets = ScaleReport.TargetTable([small, large]).TrimEnd().Split('\n');

        Assert.Equal(4, table.Length);
        Assert.StartsWith("| 20 | 300 | 40,000 | ", table[2], StringComparison.Ordinal);
        Assert.Contains("| 80,000 |", table[2], StringComparison.Ordinal);
        Assert.Contains("| 1.0 / 60.0 / 65.0 ms |", table[3], StringComparison.Ordinal);
        Assert.Equal("| target | 20 repos | 1,000 repos |", targets[0]);
        Assert.Equal("| cold index ≥ 100k lines/s | ✗ | ✗ |", targets[2]);
        Assert.Equal("| warm no-change re-index of ≥ 1M lines < 2 s | – | ✓ |", targets[3]);
        Assert.Equal("| tool calls p95 < 50 ms | ✓ | ✗ |", targets[4]);
        Assert.Equal("| start-up to first answer < 500 ms | ✗ | ✓ |", targets[5]);
        Assert.Equal("| peak memory < 1 GiB | ✓ | ✓ |", targets[6]);
    }

    [Fact]
    public void The_index_summary_mesh_prints_is_read_back()
    {
        const string output = """
            Indexed 20 repo(s) in 12.34 s: 691 file(s) seen, 650 parsed, 3 skipped, 1234 endpoint(s).
            Linked 400 of 500 call site(s) to endpoints (410 link(s)); 100 unresolved (see 'mesh consumers' and mesh://graph).
              re-linked 12 call site(s) the changes could affect (30 read) in 0.25 s; the others kept their links
            """;

        var run = IndexRun.Parse(output, wallSeconds: 13, cpuSeconds: 20, peakBytes: 1 << 20);

        Assert.Equal(new IndexRun(13, 20, 1 << 20, 12.34, 0.25, 691, 650, 1234, 410), run);
    }

    [Fact]
    public void Arguments_name_the_scales_seed_and_output_folder()
    {
        var arguments = ScaleBench.Arguments.Parse(["--scale", "20,200, 1000", "--seed", "5", "--out", "/tmp/x", "--keep"]);

        Assert.Equal([20, 200, 1000], arguments.Scales);
        Assert.Equal(5, arguments.Seed);
        Assert.Equal("/tmp/x", arguments.Out);
        Assert.True(arguments.Keep);
        Assert.False(arguments.Built);
        Assert.True(ScaleBench.Arguments.Parse(["--scale", "20", "--built"]).Built);
        Assert.Throws<ArgumentException>(() => ScaleBench.Arguments.Parse(["--scale", "20,lots"]));
    }

    private static ScaleResult Result(int repos, long lines, double coldSeconds, double warmSeconds, double p95, double startupMs)
    {
        var run = new IndexRun(coldSeconds, coldSeconds, 512L << 20, coldSeconds, 0.1, 300, 300, 10, 10);
        var latency = new Latency(100, 1, p95, p95 + 5);
        return new ScaleResult(repos, 300, lines, 1 << 20, 1, run, run with { WallSeconds = warmSeconds }, run, 3, 1 << 20, startupMs, 300,
            latency, latency, latency, 10, 10, "1.00 1.00 1.00");
    }
}
