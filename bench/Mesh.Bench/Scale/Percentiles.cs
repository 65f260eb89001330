namespace Mesh.Bench.Scale;

/// <summary>p50 / p95 / p99 of a set of timings in milliseconds.</summary>
public sealed record Latency(int Samples, double P50, double P95, double P99)
{
    public static Latency Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Latency(sorted.Length, Percentiles.NearestRank(sorted, 50), Percentiles.NearestRank(sorted, 95), Percentiles.NearestRank(sorted, 99));
    }

    public override string ToString() => $"{P50:0.0} / {P95:0.0} / {P99:0.0}";
}

public static class Percentiles
{
    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        if (percent is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is in (0, 100]");
        // percent * count first: 0.95 * 100 is 95.00000000000001 in binary floating point, whose ceiling is 96.
        var rank = (int)Math.Ceiling(percent * sorted.Count / 100);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
