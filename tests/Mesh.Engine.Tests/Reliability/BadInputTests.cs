using Xunit.Abstractions;
using System.Diagnostics;
using Mesh.Engine.Extraction;

namespace Mesh.Engine.Tests.Reliability;

/// <summary>
/// Every extractor that accepts a corpus file reads it as the indexer does (on a pool thread, with its stack) and
/// answers with facts or a diagnostic in bounded time and allocation; nothing throws and nothing overflows.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);
    private const long AllocationLimit = 1L << 30;

    [Theory]
    [MemberData(nameof(BadInputCorpus.Names), MemberType = typeof(BadInputCorpus))]
    public async Task Each_bad_file_yields_facts_or_a_diagnostic_in_bounded_time_and_memory(string name)
    {
        var entry = BadInputCorpus.Named(name);
        var bytes = entry.Content();
        var extractors = Extractors.All.Where(e => e.Accepts(entry.Path)).ToList();
        Assert.NotEmpty(extractors);

        var diagnostics = new List<string>();
        foreach (var extractor in extractors)
        {
            var run = Task.Run(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                var facts = extractor.Extract(entry.Path, bytes);
                return (facts, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
            });
            // A hang fails this file's test (its thread runs on) instead of the whole run.
            var (facts, elapsed, allocated) = await run.WaitAsync(TimeLimit);
            output.WriteLine($"{extractor.Name}: {elapsed.TotalMilliseconds:0} ms, {allocated >> 20} MB allocated, {facts.Endpoints.Count} endpoint(s), " +
                $"{facts.CallSites.Count} call(s), diagnostics: {string.Join(" | ", facts.Diagnostics.Select(d => d.Message))}");
            Assert.True(elapsed < TimeLimit, $"{extractor.Name} took {elapsed.TotalSeconds:0.0} s on {name}");
            Assert.True(allocated < AllocationLimit, $"{extractor.Name} allocated {allocated >> 20} MB on {name}");
            diagnostics.AddRange(facts.Diagnostics.Select(d => d.Message));
        }
        if (entry.Expect is { } expected)
            Assert.Contains(diagnostics, d => d.Contains(expected, StringComparison.Ordinal));
    }
}
