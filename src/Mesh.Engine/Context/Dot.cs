using System.Text;

namespace Mesh.Engine.Context;

/// <summary>
/// Graphviz dot for repository text: a double-quoted string with backslashes and quotes escaped and line breaks written
/// as visible escapes, so no name can end the string or the statement; node ids are never repository text.
/// </summary>
public static class Dot
{
    /// <summary>A label of several lines, each one repository text on its own: <c>"first\nsecond"</c> (dot's line break, ours only);
    /// a backslash in the text is escaped, so <c>\n</c> or <c>\G</c> in a name stays text.</summary>
    public static string Lines(params string?[] lines)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) builder.Append("\\n");
            foreach (var c in OneLine.Of(lines[i]))
            {
                if (c is '"' or '\\') builder.Append('\\');
                builder.Append(c);
            }
        }
        return builder.Append('"').ToString();
    }
}
