using System.Text;

namespace Mesh.Engine.Context;

/// <summary>
/// Markdown for text that comes from repositories (names, paths, URLs): always a code span, so neither a reader nor a
/// client's importer (<c>@path</c> lines in CLAUDE.md) takes it for markup or instructions.
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
        var longest = 0;
        var run = 0;
        foreach (var c in flat)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        // CommonMark strips one space on each side when both are there; pad when the text touches a backtick or has both.
        var pad = flat.StartsWith('`') || flat.EndsWith('`') || (flat.StartsWith(' ') && flat.EndsWith(' ') && flat.Trim().Length > 0) ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /// <summary>Control characters and line breaks become spaces: a span never spills onto a line of its own.</summary>
    private static string Flatten(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        return builder.ToString();
    }
}
