using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// One tree-sitter parser. Not thread-safe: use one per thread, usually rented from <see cref="ParserPool"/>.
/// Every parse has a time limit and honours cancellation, so a pathological file cannot hang indexing.
/// </summary>
public sealed class Parser : IDisposable
{
    /// <summary>The limit when none is given: far above what a real source file needs (several MB/s per core).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly ParserHandle handle;

    public Language Language { get; private set; }

    public Parser(Language language)
    {
        handle = new ParserHandle(Native.ts_parser_new());
        Language = language;
        SetLanguage(language);
    }

    public void SetLanguage(Language language)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        if (!Native.ts_parser_set_language(handle.DangerousGetHandle(), language.Handle))
            throw new InvalidOperationException($"tree-sitter refused the {language.Name} grammar (ABI {language.AbiVersion}).");
        Language = language;
    }

    /// <summary>
    /// Parses UTF-8 <paramref name="source"/>. Broken code still gives a tree (with ERROR and MISSING nodes).
    /// Throws <see cref="ParseTimeoutException"/> past <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>,
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none) and <see cref="OperationCanceledException"/> on cancellation.
    /// </summary>
    public unsafe SyntaxTree Parse(ReadOnlyMemory<byte> source, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.GetTimestamp();
        var token = cancellationToken.CanBeCanceled ? GCHandle.Alloc(cancellationToken) : default;
        try
        {
            using var pin = source.Pin();
            var payload = new ParsePayload
            {
                Source = (byte*)pin.Pointer,
                Length = (uint)source.Length,
                Deadline = limit == Timeout.InfiniteTimeSpan ? long.MaxValue : clock + (long)(limit.TotalSeconds * Stopwatch.Frequency),
                Token = token.IsAllocated ? GCHandle.ToIntPtr(token) : 0,
            };
            var input = new TSInput { Payload = &payload, Read = &Read, Encoding = 0 };
            var options = new TSParseOptions { Payload = &payload, ProgressCallback = &Progress };
            var parser = handle.DangerousGetHandle();
            var tree = Native.ts_parser_parse_with_options(parser, 0, input, options);
            if (tree != 0) return new SyntaxTree(new TreeHandle(tree), Language, source);

            // A stopped parse would resume on the next call: start the next one afresh.
            Native.ts_parser_reset(parser);
            cancellationToken.ThrowIfCancellationRequested();
            if (payload.Stopped != 0)
                throw new ParseTimeoutException(Language, source.Length, payload.StoppedAt, limit);
            throw new InvalidOperationException($"tree-sitter returned no tree for {source.Length} bytes of {Language.Name}.");
        }
        finally
        {
            if (token.IsAllocated) token.Free();
        }
    }

    public void Dispose() => handle.Dispose();

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct ParsePayload
    {
        public byte* Source;
        public uint Length;
        public long Deadline;
        public nint Token;
        public int Stopped;
        public uint StoppedAt;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe byte* Read(void* payload, uint byteIndex, TSPoint position, uint* bytesRead)
    {
        var input = (ParsePayload*)payload;
        if (byteIndex >= input->Length)
        {
            *bytesRead = 0;
            return input->Source;
        }
        *bytesRead = input->Length - byteIndex;
        return input->Source + byteIndex;
    }

    // Called by the parser every hundred or so operations; returning 1 stops the parse.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe byte Progress(TSParseState* state)
    {
        var payload = (ParsePayload*)state->Payload;
        var stop = Stopwatch.GetTimestamp() > payload->Deadline
            || (payload->Token != 0 && GCHandle.FromIntPtr(payload->Token).Target is CancellationToken { IsCancellationRequested: true });
        if (!stop) return 0;
        payload->Stopped = 1;
        payload->StoppedAt = state->CurrentByteOffset;
        return 1;
    }

    private sealed class ParserHandle(nint handle) : SafeHandle(handle, ownsHandle: true)
    {
        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            Native.ts_parser_delete(handle);
            return true;
        }
    }
}

/// <summary>A parse stopped at its time limit: the file is too large or pathological for the grammar.</summary>
public sealed class ParseTimeoutException(Language language, int length, uint stoppedAt, TimeSpan limit)
    : TimeoutException($"parsing {length:N0} bytes of {language.Name} stopped after {limit.TotalMilliseconds:N0} ms, at byte {stoppedAt:N0}")
{
    public Language Language { get; } = language;
    public int StoppedAtByte { get; } = (int)stoppedAt;
}
