using System.Runtime.InteropServices;
using System.Text;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// A compiled tree-sitter query with its text predicates. Immutable once built, so one instance serves every
/// thread (each enumeration of <see cref="Matches"/> uses its own native query cursor). Load shared queries
/// from embedded <c>.scm</c> files with <see cref="QuerySource.Load(Language, string)"/>.
/// </summary>
public sealed class Query : IDisposable
{
    private readonly QueryHandle handle;
    private readonly Predicate[][] predicates;
    private readonly string[] captureNames;

    /// <param name="name">The file the text came from, for error messages.</param>
    public unsafe Query(Language language, string text, string name = "<query>")
    {
        Language = language;
        Name = name;
        var bytes = Encoding.UTF8.GetBytes(text);
        nint query;
        uint errorOffset;
        QueryErrorKind errorKind;
        fixed (byte* source = bytes)
            query = Native.ts_query_new(language.Handle, source, (uint)bytes.Length, out errorOffset, out errorKind);
        if (query == 0) throw Error(bytes, (int)errorOffset, errorKind, Describe(bytes, (int)errorOffset, errorKind, language));
        handle = new QueryHandle(query);

        var captureCount = Native.ts_query_capture_count(query);
        var names = new string[captureCount];
        for (uint id = 0; id < captureCount; id++)
        {
            var pointer = Native.ts_query_capture_name_for_id(query, id, out var length);
            names[id] = Native.Utf8(pointer, length);
        }
        captureNames = names;

        PatternCount = (int)Native.ts_query_pattern_count(query);
        predicates = new Predicate[PatternCount][];
        for (uint pattern = 0; pattern < PatternCount; pattern++)
        {
            try
            {
                predicates[pattern] = ReadPredicates(query, pattern);
            }
            catch (ArgumentException e)
            {
                var start = (int)Native.ts_query_start_byte_for_pattern(query, pattern);
                handle.Dispose();
                throw Error(bytes, start, QueryErrorKind.Predicate, e.Message);
            }
        }
    }

    public Language Language { get; }
    public string Name { get; }
    public int PatternCount { get; }

    /// <summary>Capture names without the <c>@</c>, indexed by capture id.</summary>
    public IReadOnlyList<string> CaptureNames => captureNames;

    // The names as their array, for the per-match loop (an interface call per capture shows in profiles).
    internal string[] CaptureNameArray => captureNames;

    /// <summary>True for queries cached by <see cref="QuerySource"/>: they live as long as the process and ignore <see cref="Dispose"/>.</summary>
    public bool IsShared { get; internal init; }

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle.DangerousGetHandle();
        }
    }

    internal Predicate[] PredicatesOf(int pattern) => predicates[pattern];

    /// <summary>UTF-8 byte offset in the query text where pattern <paramref name="pattern"/> starts.</summary>
    public int PatternStartByte(int pattern) => (int)Native.ts_query_start_byte_for_pattern(Handle, (uint)pattern);

    public int CaptureIndex(string name)
    {
        for (var i = 0; i < CaptureNames.Count; i++)
            if (CaptureNames[i] == name) return i;
        throw new ArgumentException($"query {Name} has no capture @{name}; known: {string.Join(", ", CaptureNames.Select(c => "@" + c))}", nameof(name));
    }

    /// <summary>The matches of every pattern under <paramref name="node"/>, in source order, with predicates applied.</summary>
    public IEnumerable<QueryMatch> Matches(Node node, CancellationToken cancellationToken = default)
    {
        using var cursor = new QueryCursor();
        foreach (var match in cursor.Matches(this, node, cancellationToken)) yield return match;
    }

    public void Dispose()
    {
        if (!IsShared) handle.Dispose();
    }

    private unsafe Predicate[] ReadPredicates(nint query, uint pattern)
    {
        var steps = Native.ts_query_predicates_for_pattern(query, pattern, out var count);
        var result = new List<Predicate>();
        var arguments = new List<PredicateArgument>();
        for (var i = 0; i < count; i++)
        {
            var step = steps[i];
            switch (step.Type)
            {
                case TSQueryPredicateStepType.Capture:
                    arguments.Add(new PredicateArgument((int)step.ValueId, null));
                    break;
                case TSQueryPredicateStepType.String:
                    var pointer = Native.ts_query_string_value_for_id(query, step.ValueId, out var length);
                    arguments.Add(new PredicateArgument(-1, Native.Utf8(pointer, length)));
                    break;
                default:
                    result.Add(Predicate.Create(arguments, CaptureNames));
                    arguments.Clear();
                    break;
            }
        }
        return [.. result];
    }

    private QueryException Error(byte[] text, int offset, QueryErrorKind kind, string detail)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var before = text.AsSpan(0, offset);
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new QueryException(Name, offset, line, column, kind, detail);
    }

    private static string Describe(byte[] text, int offset, QueryErrorKind kind, Language language)
    {
        var rest = Encoding.UTF8.GetString(text.AsSpan(Math.Clamp(offset, 0, text.Length)));
        var word = new string(rest.TakeWhile(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '?' or '!').ToArray());
        return kind switch
        {
            QueryErrorKind.NodeType => $"invalid node type '{word}' for the {language.Name} grammar",
            QueryErrorKind.Field => $"invalid field '{word}' for the {language.Name} grammar",
            QueryErrorKind.Capture => $"invalid capture '@{word}' (a predicate names a capture the pattern does not have)",
            QueryErrorKind.Structure => "impossible pattern: these nodes cannot appear in this arrangement in the grammar",
            QueryErrorKind.Language => $"the {language.Name} grammar is not compatible with this tree-sitter core",
            _ => $"syntax error near '{(rest.Length > 20 ? rest[..20] + "..." : rest)}'",
        };
    }

    private sealed class QueryHandle(nint handle) : SafeHandle(handle, ownsHandle: true)
    {
        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            Native.ts_query_delete(handle);
            return true;
        }
    }
}
