using System.Globalization;
using System.Text;

namespace Mesh.Engine.Context;

/// <summary>
/// Mermaid for repository text: a label is always a quoted string whose every character outside a small safe set is a
/// mermaid entity code (<c>#34;</c>), so no name can close the quote, start a statement (<c>click</c>, <c>%%{init}</c>)
/// or carry HTML; node ids are never repository text.
/// </summary>
public static class Mermaid
{
    /// <summary><c>"text"</c> with quotes, markup and line breaks written as entity codes or visible escapes.</summary>
    public static string Label(string? text)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in OneLine.Of(text).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value is ' ' or '/' or '.' or '-' or '_' or ',' or '(' or ')' or '+' or '@' or '=' or '?' or ':') builder.Append(rune.ToString());
            else builder.Append('#').Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
        }
        return builder.Append('"').ToString();
    }
}
