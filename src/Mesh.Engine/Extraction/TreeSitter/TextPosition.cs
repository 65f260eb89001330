namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// A place in a file as editors show it: 1-based line, and 1-based column counted in UTF-16 code units
/// (what VS Code, LSP and Roslyn count), so "é" is one column and an emoji two. Byte offsets are on <see cref="Node"/>.
/// </summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
