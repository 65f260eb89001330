using System.Text;

namespace Mesh.Engine.Context;

/// <summary>
/// Markdown for text that comes from repositories (names, paths, URLs, code): always a code span or a code block, so
/// neither a reader nor a client's importer (<c>@path</c> lines in CLAUDE.md) takes it for markup or instructions.
/// </summary>
public static class Markdown
{
    private const int MaxSpanLength = 200;

    /// <summary>
    /// A code span holding <paramref name="text"/> on one line (line breaks and controls written as <c>\n</c>, <c>\u2028</c>, ...),
    /// fenced with more backticks than it contains; clipped to 200 characters.
    /// </summary>
    public static string Code(string? text) => Code(text, MaxSpanLength);

    /// <summary>As <see cref="Code(string?)"/>, never clipped: for values a reader must see whole (before/after values of a change).</summary>
    public static string FullCode(string? text) => Code(text, int.MaxValue);

    private static string Code(string? text, int maxLength)
    {
        var flat = OneLine.Of(text);
        if (flat.Length == 0) return "` `";
        if (flat.Length > maxLength) flat = flat[..maxLength] + "…";
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

    /// <summary>
    /// A code block quoting <paramref name="lines"/>, each line prefixed with <paramref name="indent"/>: fenced by
    /// <see cref="Fence"/>, and each line kept to one line (a CR or U+2028 inside it is written as an escape).
    /// </summary>
    public static string Block(IEnumerable<string> lines, string indent = "")
    {
        var quoted = lines.Select(line => OneLine.Of(line, keepTabs: true)).ToList();
        var fence = Fence(quoted);
        var text = new StringBuilder();
        text.Append(indent).Append(fence).Append('\n');
        foreach (var line in quoted) text.Append(indent).Append(line).Append('\n');
        return text.Append(indent).Append(fence).Append('\n').ToString();
    }

    /// <summary>
    /// Repository text as plain markdown text on one line: the characters that start markup inline (code spans, emphasis,
    /// links, HTML, entities, table pipes) are backslash-escaped, so it reads as the characters it is.
    /// </summary>
    public static string Text(string? text)
    {
        var flat = OneLine.Of(text);
        var builder = new StringBuilder(flat.Length + 8);
        foreach (var c in flat)
        {
            if (c is '\\' or '`' or '*' or '_' or '~' or '[' or ']' or '<' or '>' or '&' or '|' or '#') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A code span for a GitHub table cell: as <see cref="Code"/>, not clipped, with each pipe escaped (a backslash run
    /// before a pipe is doubled so the escape still belongs to the pipe).
    /// </summary>
    public static string CellCode(string? text) =>
        System.Text.RegularExpressions.Regex.Replace(FullCode(text), @"(\\*)\|", m => m.Groups[1].Value + m.Groups[1].Value + "\\|");
}
