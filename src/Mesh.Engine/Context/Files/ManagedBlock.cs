using System.Text;

namespace Mesh.Engine.Context.Files;

/// <summary>
/// The part of a file Mesh owns: the lines between <c>&lt;!-- mesh:begin NAME --&gt;</c> and <c>&lt;!-- mesh:end NAME --&gt;</c>.
/// Everything outside it stays byte for byte (encoding, BOM, line endings, a missing final newline); the block is
/// written with the file's own line ending. Works on bytes, so even text that is not valid UTF-8 survives.
/// </summary>
public sealed class ManagedBlock(string name)
{
    private const string Note = "<!-- Written by `mesh context write`: edits between these markers are replaced on the next run. -->";

    public string Begin { get; } = $"<!-- mesh:begin {name} -->";
    public string End { get; } = $"<!-- mesh:end {name} -->";

    /// <summary>True when <paramref name="current"/> holds this block.</summary>
    public bool IsIn(byte[] current) => IndexOf(current, Encoding.UTF8.GetBytes(Begin), 0) >= 0;

    /// <summary>
    /// The file with the block's body set to <paramref name="body"/>: replaced in place when the file has the block,
    /// appended after a blank line when it does not, and when there is no file, <paramref name="head"/> then the block.
    /// </summary>
    public byte[] Apply(byte[]? current, string body, string head = "")
    {
        if (current is null) return Encoding.UTF8.GetBytes(head + Render(body, "\n") + "\n");
        var newline = IndexOf(current, "\r\n"u8.ToArray(), 0) >= 0 ? "\r\n" : "\n";
        var block = Encoding.UTF8.GetBytes(Render(body, newline));
        var begin = IndexOf(current, Encoding.UTF8.GetBytes(Begin), 0);
        var endMarker = Encoding.UTF8.GetBytes(End);
        var end = IndexOf(current, endMarker, Math.Max(begin, 0));
        if (begin >= 0 && end > begin)
            return [.. current.AsSpan(0, begin), .. block, .. current.AsSpan(end + endMarker.Length)];
        if (begin >= 0 || IndexOf(current, endMarker, 0) >= 0)
            throw new MeshException($"the file has a '{(begin >= 0 ? Begin : End)}' marker without its pair; remove the stray marker (or restore the pair) and run again");
        var separator = current.Length == 0 ? "" : current[^1] == (byte)'\n' ? newline : newline + newline;
        return [.. current, .. Encoding.UTF8.GetBytes(separator), .. block, .. Encoding.UTF8.GetBytes(newline)];
    }

    /// <summary>The block's text without its final line ending; marker text inside the body is defused so the block always ends where Mesh put its end.</summary>
    private string Render(string body, string newline)
    {
        var safe = body.Replace("mesh:begin", "mesh\u2060:begin", StringComparison.Ordinal).Replace("mesh:end", "mesh\u2060:end", StringComparison.Ordinal);
        var lines = safe.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return string.Join(newline, [Begin, Note, .. lines, End]);
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        from > haystack.Length ? -1 : haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? i + from : -1;
}
