using System.Runtime.InteropServices;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// A parsed file: the native tree (freed exactly once, by <see cref="Dispose"/> or the finalizer) and the UTF-8
/// bytes it was parsed from. Reading a tree from several threads is safe; nodes must not outlive it.
/// </summary>
public sealed class SyntaxTree : IDisposable
{
    private readonly TreeHandle handle;

    internal SyntaxTree(TreeHandle handle, Language language, ReadOnlyMemory<byte> source)
    {
        this.handle = handle;
        Language = language;
        Source = source;
    }

    public Language Language { get; }

    /// <summary>The UTF-8 bytes that were parsed: every offset of every node indexes into them.</summary>
    public ReadOnlyMemory<byte> Source { get; }

    public Node Root
    {
        get
        {
            ThrowIfDisposed();
            return new Node(Native.ts_tree_root_node(handle.DangerousGetHandle()), this);
        }
    }

    /// <summary>True when the file has syntax errors (the tree then holds ERROR or MISSING nodes).</summary>
    public bool HasError => Root.HasError;

    public bool IsDisposed => handle.IsClosed;

    public void Dispose() => handle.Dispose();

    internal void ThrowIfDisposed()
    {
        if (handle.IsClosed) throw new ObjectDisposedException(nameof(SyntaxTree), "a node was used after its syntax tree was disposed");
    }
}

internal sealed class TreeHandle(nint handle) : SafeHandle(handle, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.ts_tree_delete(handle);
        return true;
    }
}
