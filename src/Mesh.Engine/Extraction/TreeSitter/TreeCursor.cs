using System.Runtime.InteropServices;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// A fast walker over a subtree (faster than <see cref="Node.Child"/> for full traversals). Not thread-safe;
/// never leaves the node it was created on.
/// </summary>
public sealed unsafe class TreeCursor : IDisposable
{
    private readonly SyntaxTree tree;
    private nint cursor; // a TSTreeCursor in native memory, so its address never moves

    public TreeCursor(Node node)
    {
        tree = node.Tree ?? throw new ArgumentException("default(Node) is not a node of any tree", nameof(node));
        tree.ThrowIfDisposed();
        var native = (TSTreeCursor*)NativeMemory.Alloc((nuint)sizeof(TSTreeCursor));
        *native = Native.ts_tree_cursor_new(node.Raw);
        cursor = (nint)native;
    }

    public Node Current => new(Native.ts_tree_cursor_current_node(Checked), tree);

    /// <summary>The field name of the current node in its parent (<c>name</c>, <c>body</c>), or null.</summary>
    public string? FieldName
    {
        get
        {
            var id = Native.ts_tree_cursor_current_field_id(Checked);
            return id == 0 ? null : tree.Language.FieldName(id);
        }
    }

    public int Depth => (int)Native.ts_tree_cursor_current_depth(Checked);

    public bool GotoFirstChild() => Native.ts_tree_cursor_goto_first_child(Checked);
    public bool GotoNextSibling() => Native.ts_tree_cursor_goto_next_sibling(Checked);
    public bool GotoParent() => Native.ts_tree_cursor_goto_parent(Checked);

    public void Reset(Node node)
    {
        if (!ReferenceEquals(node.Tree, tree)) throw new ArgumentException("the node belongs to another tree", nameof(node));
        Native.ts_tree_cursor_reset(Checked, node.Raw);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~TreeCursor() => Free();

    private void Free()
    {
        var owned = (TSTreeCursor*)Interlocked.Exchange(ref cursor, 0);
        if (owned is null) return;
        Native.ts_tree_cursor_delete(owned);
        NativeMemory.Free(owned);
    }

    private TSTreeCursor* Checked
    {
        get
        {
            ObjectDisposedException.ThrowIf(cursor == 0, this);
            tree.ThrowIfDisposed();
            return (TSTreeCursor*)cursor;
        }
    }
}
