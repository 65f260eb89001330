using System.Globalization;
using System.Text;

namespace Mesh.Engine.Context;

/// <summary>
/// Repository text on one line: every character that could end a line, move the cursor or reorder what a reader sees
/// (controls, U+2028/U+2029, bidi and other format characters) is written as a visible escape (<c>\n</c>, <c>\r</c>,
/// <c>\t</c>, <c>\u2028</c>), so no repository text can start a line of its own in any output.
/// </summary>
public static class OneLine
{
    /// <summary><paramref name="text"/> with line breaks and other invisible controls made visible; tabs too unless <paramref name="keepTabs"/>.</summary>
    public static string Of(string? text, bool keepTabs = false)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(c => Hides(c, keepTabs))) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!Hides(c, keepTabs)) builder.Append(c);
            else builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return builder.ToString();
    }

    /// <summary>A character that breaks a line or is not seen as itself: a control, a line or paragraph separator, a format character.</summary>
    public static bool Hides(char c, bool keepTabs = false) =>
        (c != '\t' || !keepTabs) && (char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format);
}
