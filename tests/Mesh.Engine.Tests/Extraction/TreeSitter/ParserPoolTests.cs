using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Tests.Extraction.TreeSitter;

public sealed class ParserPoolTests
{
    private static byte[] LargePython(int megabytes)
    {
        var unit = "def handler_{0}(request, item_id: int = 1):\n    value = compute(item_id, [1, 2, 3], {{'k': 'v'}})\n    return value\n\n";
        var text = new StringBuilder();
        for (var i = 0; text.Length < megabytes * 1024 * 1024; i++) text.AppendFormat(unit, i);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void A_parse_past_its_time_limit_stops_with_a_clear_error()
    {
        var source = LargePython(5);
        using var lease = ParserPool.Shared.Rent(Language.Python);
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ParseTimeoutException>(() => lease.Parser.Parse(source, TimeSpan.FromMilliseconds(20)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Contains("stopped after 20 ms", error.Message);
        Assert.InRange(error.StoppedAtByte, 0, source.Length);

        // The parser starts afresh afterwards: the next parse is complete and correct.
        using var tree = lease.Parser.Parse(Encoding.UTF8.GetBytes("x = 1\n"));
        Assert.Equal("module", tree.Root.Type);
        Assert.Equal(1, tree.Root.NamedChildCount);
    }

    [Fact]
    public void A_cancelled_parse_stops_promptly()
    {
        var source = LargePython(10);
        using var cancellation = new CancellationTokenSource();
        // A dedicated thread cancels: a timer runs on the thread pool, which parallel tests can starve past the parse's end.
        var canceller = new Thread(() => { Thread.Sleep(30); cancellation.Cancel(); }) { IsBackground = true };
        var clock = Stopwatch.StartNew();
        canceller.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => ParserPool.Shared.Parse(Language.Python, source, Timeout.InfiniteTimeSpan, cancellation.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.ThrowsAny<OperationCanceledException>(() => ParserPool.Shared.Parse(Language.Python, "x"u8.ToArray(), null, cancellation.Token));
    }

    [Fact]
    public void Absurd_nesting_finishes_or_times_out_instead_of_hanging()
    {
        var source = Encoding.UTF8.GetBytes(new string('[', 200_000) + new string(']', 10));
        var clock = Stopwatch.StartNew();
        try
        {
            using var tree = ParserPool.Shared.Parse(Language.JavaScript, source, TimeSpan.FromMilliseconds(500));
            Assert.True(tree.HasError);
        }
        catch (ParseTimeoutException)
        {
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_thousand_trees_parsed_and_disposed_on_several_threads()
    {
        using var pool = new ParserPool(capacity: 3);
        var sources = new (Language Language, byte[] Code, string RootType)[]
        {
            (Language.Python, Encoding.UTF8.GetBytes("@app.get('/x')\ndef f(): return 1\n"), "module"),
            (Language.JavaScript, Encoding.UTF8.GetBytes("app.get('/x', (req, res) => res.send('é'));\n"), "program"),
            (Language.TypeScript, Encoding.UTF8.GetBytes("const f = (x: number): string => `${x}`;\n"), "program"),
            (Language.Tsx, Encoding.UTF8.GetBytes("const A = () => <div>{1}</div>;\n"), "program"),
        };
        var trees = new ConcurrentBag<SyntaxTree>();
        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (language, code, rootType) = sources[i % sources.Length];
            var tree = pool.Parse(language, code);
            Assert.Equal(rootType, tree.Root.Type);
            Assert.False(tree.HasError);
            trees.Add(tree);
        });
        Assert.Equal(1000, trees.Count);

        // Dispose from many threads at once, each tree twice: freed exactly once, no crash.
        Parallel.ForEach(trees.Concat(trees), tree => tree.Dispose());
        Assert.All(trees, t => Assert.True(t.IsDisposed));
    }

    [Fact]
    public void A_rented_parser_belongs_to_one_thread_until_returned()
    {
        using var pool = new ParserPool(capacity: 2);
        var inUse = new ConcurrentDictionary<Parser, int>();
        var reused = 0;
        var seen = new ConcurrentDictionary<Parser, byte>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            var language = Language.All[i % 4];
            using var lease = pool.Rent(language);
            Assert.True(inUse.TryAdd(lease.Parser, i), "a parser was rented twice at once");
            if (!seen.TryAdd(lease.Parser, 0)) Interlocked.Increment(ref reused);
            Assert.Same(language, lease.Parser.Language);
            using (var tree = lease.Parser.Parse("x"u8.ToArray())) Assert.False(tree.IsDisposed);
            Assert.True(inUse.TryRemove(lease.Parser, out _));
        });
        Assert.True(reused > 0, "parsers are reused");

        var returned = pool.Rent(Language.Python);
        returned.Dispose();
        returned.Dispose(); // a second return is ignored
        Assert.Throws<ObjectDisposedException>(() => returned.Parser);
    }

    [Fact]
    public void A_disposed_pool_frees_its_parsers_and_refuses_rentals()
    {
        var pool = new ParserPool();
        var lease = pool.Rent(Language.Python);
        pool.Dispose();
        lease.Dispose(); // returned after the pool closed: freed, not kept
        Assert.Throws<ObjectDisposedException>(() => pool.Rent(Language.Python));
    }
}
