namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>What tree-sitter found wrong in a query (values of the C enum TSQueryError), plus predicates Mesh rejects.</summary>
public enum QueryErrorKind
{
    None = 0,
    Syntax,
    NodeType,
    Field,
    Capture,
    Structure,
    Language,
    /// <summary>A predicate Mesh does not evaluate, or one with the wrong arguments (checked in C#, not by tree-sitter).</summary>
    Predicate = 100,
}

/// <summary>A query (<c>.scm</c>) that does not compile, with where and why: "Python/FastApi.scm:3:7 (byte 42): invalid node type 'decorated_definitio'".</summary>
public sealed class QueryException(string file, int offset, int line, int column, QueryErrorKind kind, string detail)
    : Exception($"{file}:{line}:{column} (byte {offset}): {detail}")
{
    public string File { get; } = file;
    /// <summary>UTF-8 byte offset of the error in the query text.</summary>
    public int Offset { get; } = offset;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public QueryErrorKind Kind { get; } = kind;
}
