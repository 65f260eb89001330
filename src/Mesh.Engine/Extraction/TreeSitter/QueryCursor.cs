using System.Runtime.InteropServices;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>One capture of a match: the capture's name (without <c>@</c>), its id in the query, and the node.</summary>
public readonly record struct QueryCapture(int Index, string Name, Node Node);

/// <summary>One match of one pattern of a query, after its predicates held.</summary>
public sealed class QueryMatch(int patternIndex, IReadOnlyList<QueryCapture> captures)
{
    /// <summary>The pattern's index in the query, in order of appearance in the <c>.scm</c> file.</summary>
    public int PatternIndex { get; } = patternIndex;

    public IReadOnlyList<QueryCapture> Captures { get; } = captures;

    /// <summary>The first node captured as <c>@name</c>, or null when the pattern left it out (optional parts).</summary>
    public Node? this[string name]
    {
        get
        {
            foreach (var capture in Captures)
                if (capture.Name == name) return capture.Node;
            return null;
        }
    }

    /// <summary>Every node captured as <c>@name</c> (quantified captures, <c>@x*</c> or <c>@x+</c>, can have several).</summary>
    public IEnumerable<Node> All(string name) => Captures.Where(c => c.Name == name).Select(c => c.Node);
}

/// <summary>
/// Runs queries over a tree. Holds native state for one run at a time: not thread-safe, cheap to create.
/// <see cref="Query.Matches"/> makes one per enumeration.
/// </summary>
public sealed class QueryCursor : IDisposable
{
    private readonly CursorHandle handle = new(Native.ts_query_cursor_new());

    /// <summary>True when the last run dropped matches because too many were in progress at once (see <see cref="MatchLimit"/>).</summary>
    public bool DidExceedMatchLimit => Native.ts_query_cursor_did_exceed_match_limit(Handle);

    /// <summary>The most matches in progress at once; tree-sitter's default is unlimited.</summary>
    public int MatchLimit { set => Native.ts_query_cursor_set_match_limit(Handle, (uint)value); }

    /// <summary>
    /// How deep below the node a match may start; 0 matches only patterns rooted at the node itself, so a run on a
    /// small set of candidate nodes never walks the rest of their subtrees. Unlimited by default.
    /// </summary>
    public int MaxStartDepth { set => Native.ts_query_cursor_set_max_start_depth(Handle, value < 0 ? uint.MaxValue : (uint)value); }

    public IEnumerable<QueryMatch> Matches(Query query, Node node, CancellationToken cancellationToken = default)
    {
        if (node.Tree is null) throw new ArgumentException("default(Node) is not a node of any tree", nameof(node));
        if (node.Tree.Language != query.Language)
            throw new ArgumentException($"query {query.Name} is for {query.Language.Name}, the tree is {node.Tree.Language.Name}", nameof(node));
        node.Tree.ThrowIfDisposed();
        Native.ts_query_cursor_exec(Handle, query.Handle, node.Raw);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            node.Tree.ThrowIfDisposed();
            if (Next(query, node.Tree) is not { } match) yield break;
            if (match.PatternIndex >= 0) yield return match;
        }
    }

    public void Dispose() => handle.Dispose();

    private nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            return handle.DangerousGetHandle();
        }
    }

    // Copies one native match (valid only until the next call) into managed captures; PatternIndex -1 when a predicate failed.
    // Predicates run on the native captures first, so a rejected match allocates nothing.
    private unsafe QueryMatch? Next(Query query, SyntaxTree tree)
    {
        if (!Native.ts_query_cursor_next_match(Handle, out var raw)) return null;
        var rawCaptures = new ReadOnlySpan<TSQueryCapture>(raw.Captures, raw.CaptureCount);
        foreach (var predicate in query.PredicatesOf(raw.PatternIndex))
            if (!predicate.Test(rawCaptures, tree)) return Rejected;
        var names = query.CaptureNameArray;
        var captures = new QueryCapture[rawCaptures.Length];
        for (var i = 0; i < captures.Length; i++)
        {
            var capture = rawCaptures[i];
            captures[i] = new QueryCapture((int)capture.Index, names[(int)capture.Index], new Node(capture.Node, tree));
        }
        return new QueryMatch(raw.PatternIndex, captures);
    }

    private static readonly QueryMatch Rejected = new(-1, []);

    private sealed class CursorHandle(nint handle) : SafeHandle(handle, ownsHandle: true)
    {
        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            Native.ts_query_cursor_delete(handle);
            return true;
        }
    }
}
