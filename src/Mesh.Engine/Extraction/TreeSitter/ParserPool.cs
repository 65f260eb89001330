using System.Collections.Concurrent;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// Parsers for any number of threads: <see cref="Rent"/> gives one thread sole use of a parser until the lease
/// is disposed. A parser switches grammar cheaply, so one pool serves every language.
/// </summary>
public sealed class ParserPool : IDisposable
{
    /// <summary>The process-wide pool (like ArrayPool.Shared): parsers hold no state between parses.</summary>
    public static ParserPool Shared { get; } = new();

    private readonly ConcurrentQueue<Parser> idle = new();
    private readonly int capacity;
    private int idleCount;
    private volatile bool disposed;

    /// <param name="capacity">Idle parsers kept; more are freed on return. Default: twice the processor count.</param>
    public ParserPool(int capacity = 0) => this.capacity = capacity > 0 ? capacity : Math.Max(4, 2 * Environment.ProcessorCount);

    public ParserLease Rent(Language language)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryDequeue(out var parser))
        {
            Interlocked.Decrement(ref idleCount);
            if (parser.Language != language) parser.SetLanguage(language);
        }
        else
        {
            parser = new Parser(language);
        }
        return new ParserLease(this, parser);
    }

    /// <summary>Rents a parser, parses, returns the parser: see <see cref="Parser.Parse"/>.</summary>
    public SyntaxTree Parse(Language language, ReadOnlyMemory<byte> source, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var lease = Rent(language);
        return lease.Parser.Parse(source, timeout, cancellationToken);
    }

    internal void Return(Parser parser)
    {
        if (disposed || Interlocked.Increment(ref idleCount) > capacity)
        {
            if (!disposed) Interlocked.Decrement(ref idleCount);
            parser.Dispose();
            return;
        }
        idle.Enqueue(parser);
        if (disposed) Drain();
    }

    public void Dispose()
    {
        disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (idle.TryDequeue(out var parser)) parser.Dispose();
    }
}

/// <summary>Sole use of a pooled parser; disposing it (once or more) returns the parser to its pool.</summary>
public sealed class ParserLease : IDisposable
{
    private readonly ParserPool pool;
    private Parser? parser;

    internal ParserLease(ParserPool pool, Parser parser)
    {
        this.pool = pool;
        this.parser = parser;
    }

    public Parser Parser => parser ?? throw new ObjectDisposedException(nameof(ParserLease), "the parser was returned to its pool");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref parser, null) is { } returned) pool.Return(returned);
    }
}
