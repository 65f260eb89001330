using System.Text;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// A node of a <see cref="SyntaxTree"/>, by value (a 32-byte native handle plus its tree). Offsets are UTF-8 byte
/// offsets into <see cref="SyntaxTree.Source"/>; <see cref="Start"/> and <see cref="End"/> are 1-based line/column.
/// Using a node after its tree is disposed throws <see cref="ObjectDisposedException"/>.
/// </summary>
public readonly struct Node : IEquatable<Node>
{
    internal readonly TSNode Raw;

    internal Node(TSNode raw, SyntaxTree tree)
    {
        Raw = raw;
        Tree = tree;
    }

    public SyntaxTree Tree { get; }

    /// <summary>The grammar's name for the node: <c>call</c>, <c>identifier</c>, or the token itself for anonymous nodes (<c>(</c>, <c>def</c>).</summary>
    public string Type
    {
        get
        {
            var symbol = Symbol;
            return Tree.Language.SymbolName(symbol);
        }
    }

    /// <summary>The grammar symbol: a cheap, allocation-free stand-in for <see cref="Type"/>.</summary>
    public ushort Symbol => Native.ts_node_symbol(Checked);

    public bool IsNamed => Native.ts_node_is_named(Checked);
    /// <summary>A node the parser could not fit anywhere (type <c>ERROR</c>).</summary>
    public bool IsError => Native.ts_node_is_error(Checked);
    /// <summary>A zero-width node the parser inserted to recover, e.g. a missing <c>)</c>.</summary>
    public bool IsMissing => Native.ts_node_is_missing(Checked);
    /// <summary>A node allowed anywhere, such as a comment.</summary>
    public bool IsExtra => Native.ts_node_is_extra(Checked);
    /// <summary>True when this node or one of its descendants is an error or missing node.</summary>
    public bool HasError => Native.ts_node_has_error(Checked);

    public int StartByte => (int)Native.ts_node_start_byte(Checked);
    public int EndByte => (int)Native.ts_node_end_byte(Checked);

    public TextPosition Start => ToPosition(Native.ts_node_start_point(Checked), StartByte);
    public TextPosition End => ToPosition(Native.ts_node_end_point(Checked), EndByte);

    public Node? Parent => Wrap(Native.ts_node_parent(Checked));
    public int ChildCount => (int)Native.ts_node_child_count(Checked);
    public int NamedChildCount => (int)Native.ts_node_named_child_count(Checked);

    public Node Child(int index) =>
        (uint)index < (uint)ChildCount ? new Node(Native.ts_node_child(Raw, (uint)index), Tree) : throw new ArgumentOutOfRangeException(nameof(index));

    public Node NamedChild(int index) =>
        (uint)index < (uint)NamedChildCount ? new Node(Native.ts_node_named_child(Raw, (uint)index), Tree) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Above this many children, a cursor walks them: <c>ts_node_child(i)</c> counts from the first child each time.</summary>
    private const int IndexedChildren = 16;

    public IEnumerable<Node> Children => ChildCount <= IndexedChildren ? IndexedChildrenOf(named: false) : CursorChildren(named: false);

    public IEnumerable<Node> NamedChildren => NamedChildCount <= IndexedChildren ? IndexedChildrenOf(named: true) : CursorChildren(named: true);

    private IEnumerable<Node> IndexedChildrenOf(bool named)
    {
        var count = named ? NamedChildCount : ChildCount;
        for (var i = 0; i < count; i++) yield return new Node(named ? Native.ts_node_named_child(Checked, (uint)i) : Native.ts_node_child(Checked, (uint)i), Tree);
    }

    /// <summary>Children in one pass (a module of 10,000 statements took seconds by index).</summary>
    private IEnumerable<Node> CursorChildren(bool named)
    {
        using var cursor = new TreeCursor(this);
        if (!cursor.GotoFirstChild()) yield break;
        do
        {
            var child = cursor.Current;
            if (!named || child.IsNamed) yield return child;
        }
        while (cursor.GotoNextSibling());
    }

    /// <summary>The child in the grammar field <paramref name="field"/> (<c>name</c>, <c>body</c>, <c>arguments</c>), or null.</summary>
    public Node? ChildByFieldName(string field) => Wrap(Native.ts_node_child_by_field_id(Checked, Tree.Language.FieldId(field)));

    /// <summary>The field name of the child at <paramref name="index"/>, or null.</summary>
    public unsafe string? FieldNameForChild(int index) => Native.Utf8(Native.ts_node_field_name_for_child(Checked, (uint)index));

    public Node? NextSibling => Wrap(Native.ts_node_next_sibling(Checked));
    public Node? PreviousSibling => Wrap(Native.ts_node_prev_sibling(Checked));
    public Node? NextNamedSibling => Wrap(Native.ts_node_next_named_sibling(Checked));
    public Node? PreviousNamedSibling => Wrap(Native.ts_node_prev_named_sibling(Checked));

    /// <summary>
    /// The child of this node that is or contains <paramref name="descendant"/>, or null. Walking down with it finds a
    /// node's ancestors in one pass; <see cref="Parent"/> walks down from the root each time it is called.
    /// </summary>
    public Node? ChildWithDescendant(Node descendant) => Wrap(Native.ts_node_child_with_descendant(Checked, descendant.Raw));

    /// <summary>The smallest named node spanning the byte range.</summary>
    public Node? NamedDescendantForByteRange(int start, int end) => Wrap(Native.ts_node_named_descendant_for_byte_range(Checked, (uint)start, (uint)end));

    /// <summary>This node's UTF-8 bytes in <paramref name="source"/> (the bytes the tree was parsed from).</summary>
    public ReadOnlySpan<byte> Text(ReadOnlySpan<byte> source) => source[StartByte..EndByte];

    /// <summary>This node's UTF-8 bytes in the tree's source.</summary>
    public ReadOnlySpan<byte> Utf8Text => Text(Tree.Source.Span);

    /// <summary>This node's text, decoded (invalid UTF-8 becomes U+FFFD).</summary>
    public string Text() => Encoding.UTF8.GetString(Utf8Text);

    /// <summary>True when this node's text is <paramref name="text"/>: the same as comparing <see cref="Text()"/>, without decoding.</summary>
    public bool TextEquals(string text) => Ascii.IsValid(text) ? Ascii.Equals(Utf8Text, text) : Text() == text;

    /// <summary>Every node below this one (this one first), depth first, in source order.</summary>
    public IEnumerable<Node> Descendants(bool namedOnly = false)
    {
        using var cursor = new TreeCursor(this);
        var depth = 0;
        while (true)
        {
            var current = cursor.Current;
            if (!namedOnly || current.IsNamed) yield return current;
            if (cursor.GotoFirstChild()) { depth++; continue; }
            while (!cursor.GotoNextSibling())
            {
                if (depth == 0 || !cursor.GotoParent()) yield break;
                depth--;
            }
            if (depth == 0) yield break;
        }
    }

    /// <summary>The subtree as an S-expression, e.g. <c>(module (expression_statement (call ...)))</c>: for tests and debugging.</summary>
    public unsafe string ToSExpression()
    {
        var text = Native.ts_node_string(Checked);
        try { return Native.Utf8(text) ?? ""; }
        finally { Native.free(text); }
    }

    public bool Equals(Node other) => ReferenceEquals(Tree, other.Tree) && Raw.Id == other.Raw.Id && Raw.Context0 == other.Raw.Context0;
    public override bool Equals(object? obj) => obj is Node other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Raw.Id, Raw.Context0);
    public static bool operator ==(Node left, Node right) => left.Equals(right);
    public static bool operator !=(Node left, Node right) => !left.Equals(right);

    public override string ToString() => Tree is null ? "(no node)" : $"{Type} {Start}-{End}";

    private TSNode Checked
    {
        get
        {
            if (Tree is null) throw new InvalidOperationException("default(Node) is not a node of any tree");
            Tree.ThrowIfDisposed();
            return Raw;
        }
    }

    private Node? Wrap(TSNode raw) => raw.Id == 0 ? null : new Node(raw, Tree);

    // tree-sitter counts columns in bytes; editors count UTF-16 code units from the start of the line.
    private TextPosition ToPosition(TSPoint point, int offset)
    {
        var lineStart = offset - (int)point.Column;
        var line = Tree.Source.Span[lineStart..offset];
        return new TextPosition((int)point.Row + 1, (Ascii.IsValid(line) ? line.Length : Encoding.UTF8.GetCharCount(line)) + 1);
    }
}
