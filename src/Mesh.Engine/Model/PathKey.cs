using System.Text;

namespace Mesh.Engine.Model;

/// <summary>
/// An endpoint's identity across versions: the route template with every parameter replaced by <c>{}</c>,
/// so renaming <c>{id}</c> to <c>{orderId}</c> is the same endpoint. Constraints, optional and catch-all
/// markers are dropped; doubled and trailing slashes folded; query and fragment cut off.
/// </summary>
public static class PathKey
{
    public static string FromTemplate(string template)
    {
        var path = template;
        var cut = QueryStart(path);
        if (cut >= 0) path = path[..cut];
        var key = new StringBuilder(path.Length + 1);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            key.Append('/');
            AppendSegment(key, segment);
        }
        return key.Length == 0 ? "/" : key.ToString();
    }

    /// <summary>Where the query or fragment starts: a '?' inside braces marks an optional parameter (<c>{id?}</c>), not a query.</summary>
    private static int QueryStart(string path)
    {
        var depth = 0;
        for (var i = 0; i < path.Length; i++)
        {
            switch (path[i])
            {
                case '{': depth++; break;
                case '}' when depth > 0: depth--; break;
                case '?' or '#' when depth == 0: return i;
            }
        }
        return -1;
    }

    private static void AppendSegment(StringBuilder key, string segment)
    {
        // Express/Koa ':id' (also ':id?', ':id(\\d+)'), Next.js '[id]'/'[...slug]', Flask '<int:id>': the same parameter as '{id}'.
        if (segment.Length > 1 && (segment[0] == ':' || (segment[0] == '[' && segment[^1] == ']') || (segment[0] == '<' && segment[^1] == '>')))
        {
            key.Append("{}");
            return;
        }
        var depth = 0;
        foreach (var c in segment)
        {
            if (c == '{')
            {
                if (depth++ == 0) key.Append("{}");
            }
            else if (c == '}')
            {
                if (depth > 0) depth--;
            }
            else if (depth == 0)
            {
                key.Append(c);
            }
        }
    }
}
