using System.Runtime.InteropServices;

namespace Mesh.Engine.Extraction.TreeSitter;

// The C API of tree-sitter 0.25 (lib/include/tree_sitter/api.h) and the grammars, as linked into
// libmesh-tree-sitter by eng/tree-sitter/build.sh. Structs mirror the C layout; sizes are checked by the tests.

[StructLayout(LayoutKind.Sequential)]
internal struct TSPoint
{
    public uint Row;
    public uint Column;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TSNode
{
    public uint Context0, Context1, Context2, Context3;
    public nint Id;
    public nint Tree;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TSTreeCursor
{
    public nint Tree;
    public nint Id;
    public uint Context0, Context1, Context2;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TSQueryCapture
{
    public TSNode Node;
    public uint Index;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TSQueryMatch
{
    public uint Id;
    public ushort PatternIndex;
    public ushort CaptureCount;
    public TSQueryCapture* Captures;
}

internal enum TSQueryPredicateStepType : uint { Done, Capture, String }

[StructLayout(LayoutKind.Sequential)]
internal struct TSQueryPredicateStep
{
    public TSQueryPredicateStepType Type;
    public uint ValueId;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TSInput
{
    public void* Payload;
    public delegate* unmanaged[Cdecl]<void*, uint, TSPoint, uint*, byte*> Read;
    public int Encoding; // TSInputEncodingUTF8 = 0
    public void* Decode;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TSParseState
{
    public void* Payload;
    public uint CurrentByteOffset;
    public byte HasError;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TSParseOptions
{
    public void* Payload;
    public delegate* unmanaged[Cdecl]<TSParseState*, byte> ProgressCallback;
}

internal static unsafe partial class Native
{
    public const string Library = "mesh-tree-sitter";

    [LibraryImport(Library)] public static partial nint tree_sitter_python();
    [LibraryImport(Library)] public static partial nint tree_sitter_javascript();
    [LibraryImport(Library)] public static partial nint tree_sitter_typescript();
    [LibraryImport(Library)] public static partial nint tree_sitter_tsx();

    [LibraryImport(Library)] public static partial uint ts_language_abi_version(nint language);
    [LibraryImport(Library)] public static partial uint ts_language_symbol_count(nint language);
    [LibraryImport(Library)] public static partial byte* ts_language_symbol_name(nint language, ushort symbol);
    [LibraryImport(Library)] public static partial uint ts_language_symbol_type(nint language, ushort symbol);
    [LibraryImport(Library)] public static partial uint ts_language_field_count(nint language);
    [LibraryImport(Library)] public static partial byte* ts_language_field_name_for_id(nint language, ushort id);

    [LibraryImport(Library)] public static partial nint ts_parser_new();
    [LibraryImport(Library)] public static partial void ts_parser_delete(nint parser);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_parser_set_language(nint parser, nint language);
    [LibraryImport(Library)] public static partial void ts_parser_reset(nint parser);
    [LibraryImport(Library)] public static partial nint ts_parser_parse_with_options(nint parser, nint oldTree, TSInput input, TSParseOptions options);

    [LibraryImport(Library)] public static partial void ts_tree_delete(nint tree);
    [LibraryImport(Library)] public static partial TSNode ts_tree_root_node(nint tree);

    // Readers make millions of these calls; each returns within a node's children, never blocks nor calls back, so the
    // GC transition (a large share of such a call's cost) is skipped. Calls that walk from the root keep it.
    [LibraryImport(Library), SuppressGCTransition] public static partial ushort ts_node_symbol(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_start_byte(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_end_byte(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSPoint ts_node_start_point(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSPoint ts_node_end_point(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_null(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_named(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_missing(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_extra(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_has_error(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_is_error(TSNode node);
    [LibraryImport(Library)] public static partial TSNode ts_node_parent(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_child(TSNode node, uint index);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_child_count(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_named_child(TSNode node, uint index);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_node_named_child_count(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_node_child_by_field_id(TSNode node, ushort fieldId);
    [LibraryImport(Library), SuppressGCTransition] public static partial byte* ts_node_field_name_for_child(TSNode node, uint index);
    [LibraryImport(Library)] public static partial TSNode ts_node_next_sibling(TSNode node);
    [LibraryImport(Library)] public static partial TSNode ts_node_prev_sibling(TSNode node);
    [LibraryImport(Library)] public static partial TSNode ts_node_next_named_sibling(TSNode node);
    [LibraryImport(Library)] public static partial TSNode ts_node_prev_named_sibling(TSNode node);
    [LibraryImport(Library)] public static partial TSNode ts_node_child_with_descendant(TSNode node, TSNode descendant);
    [LibraryImport(Library)] public static partial TSNode ts_node_named_descendant_for_byte_range(TSNode node, uint start, uint end);
    [LibraryImport(Library)] public static partial byte* ts_node_string(TSNode node);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_node_eq(TSNode node, TSNode other);

    [LibraryImport(Library)] public static partial TSTreeCursor ts_tree_cursor_new(TSNode node);
    [LibraryImport(Library)] public static partial void ts_tree_cursor_delete(TSTreeCursor* cursor);
    [LibraryImport(Library)] public static partial void ts_tree_cursor_reset(TSTreeCursor* cursor, TSNode node);
    [LibraryImport(Library), SuppressGCTransition] public static partial TSNode ts_tree_cursor_current_node(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] public static partial ushort ts_tree_cursor_current_field_id(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] public static partial uint ts_tree_cursor_current_depth(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_parent(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_next_sibling(TSTreeCursor* cursor);
    [LibraryImport(Library), SuppressGCTransition] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_tree_cursor_goto_first_child(TSTreeCursor* cursor);

    [LibraryImport(Library)] public static partial nint ts_query_new(nint language, byte* source, uint length, out uint errorOffset, out QueryErrorKind errorType);
    [LibraryImport(Library)] public static partial void ts_query_delete(nint query);
    [LibraryImport(Library)] public static partial uint ts_query_pattern_count(nint query);
    [LibraryImport(Library)] public static partial uint ts_query_capture_count(nint query);
    [LibraryImport(Library)] public static partial uint ts_query_start_byte_for_pattern(nint query, uint patternIndex);
    [LibraryImport(Library)] public static partial TSQueryPredicateStep* ts_query_predicates_for_pattern(nint query, uint patternIndex, out uint stepCount);
    [LibraryImport(Library)] public static partial byte* ts_query_capture_name_for_id(nint query, uint id, out uint length);
    [LibraryImport(Library)] public static partial byte* ts_query_string_value_for_id(nint query, uint id, out uint length);

    [LibraryImport(Library)] public static partial nint ts_query_cursor_new();
    [LibraryImport(Library)] public static partial void ts_query_cursor_delete(nint cursor);
    [LibraryImport(Library)] public static partial void ts_query_cursor_exec(nint cursor, nint query, TSNode node);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_query_cursor_next_match(nint cursor, out TSQueryMatch match);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] public static partial bool ts_query_cursor_did_exceed_match_limit(nint cursor);
    [LibraryImport(Library)] public static partial void ts_query_cursor_set_match_limit(nint cursor, uint limit);
    [LibraryImport(Library)] public static partial void ts_query_cursor_set_max_start_depth(nint cursor, uint depth);

    [LibraryImport(Library)] public static partial void free(void* pointer);

    // eng/tree-sitter/mesh_walk.c
    [LibraryImport(Library)] public static partial uint mesh_walk(TSNode root, byte* selected, uint selectedCount, WalkEntry* entries, uint capacity);

    public static string? Utf8(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((nint)text);

    public static string Utf8(byte* text, uint length) => System.Text.Encoding.UTF8.GetString(text, (int)length);
}
