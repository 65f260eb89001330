using System.Buffers;
using System.Runtime.InteropServices;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>Node types of one grammar, chosen by name, for <see cref="TreeWalk.Run"/>. Immutable; build once, share freely.</summary>
public sealed class NodeTypeSet
{
    internal readonly byte[] Selected;

    public NodeTypeSet(Language language, params string[] types)
    {
        Language = language;
        var names = types.ToHashSet(StringComparer.Ordinal);
        // A name can belong to several symbols (aliases): select every one, as Node.Type compares names.
        Selected = new byte[language.SymbolCount];
        for (var symbol = 0; symbol < Selected.Length; symbol++)
            if (names.Contains(language.SymbolName((ushort)symbol))) Selected[symbol] = 1;
    }

    public Language Language { get; }
}

/// <summary>A node found by <see cref="TreeWalk.Run"/>, with its parent and the types of its nearest ancestors.</summary>
public readonly struct WalkedNode
{
    private readonly ushort parentSymbol, grandparentSymbol, greatGrandparentSymbol;

    internal WalkedNode(in WalkEntry entry, SyntaxTree tree)
    {
        Node = new Node(entry.Node, tree);
        Parent = new Node(entry.Parent, tree);
        parentSymbol = entry.Ancestor0;
        grandparentSymbol = entry.Ancestor1;
        greatGrandparentSymbol = entry.Ancestor2;
        IsSelected = (entry.Flags & WalkEntry.SelectedFlag) != 0;
        IsTopLevel = (entry.Flags & WalkEntry.TopLevelFlag) != 0;
        Depth = (int)entry.Depth;
    }

    public Node Node { get; }
    public Node Parent { get; }
    /// <summary>How many ancestors the node has up to and including the walk's root: 1 for the root's children.</summary>
    public int Depth { get; }
    /// <summary>The node's type is one of the <see cref="NodeTypeSet"/>.</summary>
    public bool IsSelected { get; }
    /// <summary>A named child of the walk's root (such as a statement of a module).</summary>
    public bool IsTopLevel { get; }

    /// <summary>The type of the ancestor <paramref name="generation"/> levels up (1 = parent, up to 3), or null above the walk's root.</summary>
    public string? AncestorType(int generation)
    {
        if (generation > Depth) return null;
        var symbol = generation switch
        {
            1 => parentSymbol,
            2 => grandparentSymbol,
            3 => greatGrandparentSymbol,
            _ => throw new ArgumentOutOfRangeException(nameof(generation), generation, "an ancestor from 1 (the parent) to 3"),
        };
        return Node.Tree.Language.SymbolName(symbol);
    }
}

/// <summary>One pass over every node of a subtree in native code (a managed <see cref="TreeCursor"/> walk costs several calls per node).</summary>
public static class TreeWalk
{
    /// <summary>
    /// The nodes below <paramref name="root"/> (not itself) whose type is in <paramref name="types"/>, and the named children of
    /// <paramref name="root"/>, in the order of a depth-first walk (a parent before its children, children in source order).
    /// </summary>
    public static unsafe List<WalkedNode> Run(Node root, NodeTypeSet types)
    {
        if (root.Tree is null) throw new ArgumentException("default(Node) is not a node of any tree", nameof(root));
        if (root.Tree.Language != types.Language)
            throw new ArgumentException($"the node types are of {types.Language.Name}, the tree is {root.Tree.Language.Name}", nameof(types));
        root.Tree.ThrowIfDisposed();
        // A guess from the size of the text; a second call gets the exact count when the guess was short.
        var capacity = Math.Max(256, (root.EndByte - root.StartByte) / 32);
        while (true)
        {
            var buffer = ArrayPool<WalkEntry>.Shared.Rent(capacity);
            try
            {
                uint count;
                fixed (byte* selected = types.Selected)
                fixed (WalkEntry* entries = buffer)
                    count = Native.mesh_walk(root.Raw, selected, (uint)types.Selected.Length, entries, (uint)buffer.Length);
                if (count == uint.MaxValue) throw new OutOfMemoryException("tree-sitter ran out of memory walking a tree");
                if (count <= buffer.Length)
                {
                    var result = new List<WalkedNode>((int)count);
                    for (var i = 0; i < count; i++) result.Add(new WalkedNode(buffer[i], root.Tree));
                    return result;
                }
                capacity = (int)count;
            }
            finally
            {
                ArrayPool<WalkEntry>.Shared.Return(buffer);
            }
        }
    }
}

/// <summary>MeshWalkEntry of eng/tree-sitter/mesh_walk.c.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WalkEntry
{
    public const ushort SelectedFlag = 1, TopLevelFlag = 2;

    public TSNode Node;
    public TSNode Parent;
    public ushort Ancestor0, Ancestor1, Ancestor2;
    public ushort Flags;
    public uint Depth;
}
