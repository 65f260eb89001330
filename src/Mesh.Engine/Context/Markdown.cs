using System.Text;

namespace Mesh.Engine.Context;

/// <summary>
/// Markdown for text that comes from repositories (names, paths, URLs, code): always a code span or a code block, so
/// neither a reader nor a client's importer (<c>@path</c> lines in CLAUDE.md) takes it for markup or instructions.
/// </summary>
public static class Markdown
{
    private const int MaxSpanLength = 200;

    /// <summary>A code span holding <paramref name="text"/> on one line, fenced with more backticks than it contains.</summary>
    public static string Code(string? text)
    {
        var flat = Flatten(text ?? "");
        if (flat.Length == 0) return "` `";
        if (flat.Length > MaxSpanLength) flat = flat[..MaxSpanLength] + "…";
        var fence = new string('`', LongestBacktickRun(flat) + 1);
        // CommonMark strips one space on each side when both are there; pad when the text touches a backtick or has both.
        var pad = flat.StartsWith('`') || flat.EndsWith('`') || (flat.StartsWith(' ') && flat.EndsWith(' ') && flat.Trim().Length > 0) ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /// <summary>
    /// The fence of a code block quoting <paramref name="lines"/>: more backticks than any run in them (three at least),
    /// so no line of quoted text can close the block and speak outside it.
    /// </summary>
    public static string Fence(IEnumerable<string> lines) => new('`', Math.Max(3, lines.Select(LongestBacktickRun).DefaultIfEmpty(0).Max() + 1));

    /// <summary>The longest run of backticks in <paramref name="text"/>: a code span or block needs a longer fence.</summary>
    public static int LongestBacktickRun(string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    /// <summary>Control characters and line breaks become spaces: a span never spills onto a line of its own.</summary>
    private static string Flatten(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        return builder.ToString();
    }
}
