using System.Text;

namespace Mesh.Engine.Linking;

/// <summary>How a client joins its base address and a request path; they really differ.</summary>
public enum JoinStyle
{
    /// <summary>RFC 3986 reference resolution: <c>HttpClient</c>, <c>new URL(path, base)</c>, Python <c>urljoin</c>.
    /// "/x" replaces the base path; "x" replaces the base path's last segment unless the base ends with '/'.</summary>
    Rfc3986,
    /// <summary>Plain concatenation with one '/' between: axios <c>baseURL</c>, Refit, string formatting.</summary>
    Concatenate,
}

/// <summary>
/// A URL as written in code, taken apart: host (when absolute), path segments with holes, and the query's
/// <c>api-version</c>. Holes in any syntax (<c>{id}</c>, <c>${id}</c>, <c>:id</c>, <c>&lt;int:id&gt;</c>, <c>%s</c>) become <c>{}</c>.
/// </summary>
public sealed record CallUrl(string? Scheme, string? Host, string Path, string? ApiVersion, bool StartsWithHole)
{
    /// <summary>Path segments, holes as <c>{}</c>, never empty strings.</summary>
    public IReadOnlyList<string> Segments { get; } = SplitPath(Path);

    public string PathKey => "/" + string.Join('/', Segments);

    public bool IsAbsolute => Host is not null;

    public static CallUrl Parse(string url)
    {
        var text = url.Trim();
        var startsWithHole = text.StartsWith('{') || text.StartsWith("${", StringComparison.Ordinal);
        string? scheme = null, host = null;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && text[..schemeEnd].All(c => char.IsLetter(c) || c == '+'))
        {
            scheme = text[..schemeEnd].ToLowerInvariant();
            var rest = text[(schemeEnd + 3)..];
            var slash = rest.IndexOfAny(['/', '?', '#']);
            var authority = slash < 0 ? rest : rest[..slash];
            text = slash < 0 ? "/" : rest[slash..];
            var at = authority.LastIndexOf('@');
            if (at >= 0) authority = authority[(at + 1)..];
            var colon = authority.LastIndexOf(':');
            host = (colon > 0 && authority[(colon + 1)..].All(char.IsDigit) ? authority[..colon] : authority).ToLowerInvariant();
            startsWithHole = false;
        }
        string? apiVersion = null;
        var fragment = text.IndexOf('#');
        if (fragment >= 0) text = text[..fragment];
        var query = text.IndexOf('?');
        if (query >= 0)
        {
            foreach (var pair in text[(query + 1)..].Split('&'))
                if (pair.StartsWith("api-version=", StringComparison.OrdinalIgnoreCase)) apiVersion = pair["api-version=".Length..];
            text = text[..query];
        }
        return new CallUrl(scheme, host, text, apiVersion, startsWithHole);
    }

    /// <summary>Segments of a path or route template; every parameter or hole syntax becomes <c>{}</c>.</summary>
    public static IReadOnlyList<string> SplitPath(string path)
    {
        var segments = new List<string>();
        foreach (var raw in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = NormalizeSegment(raw);
            if (segment.Length > 0) segments.Add(segment);
        }
        return segments;
    }

    /// <summary><c>{id:int}</c>, <c>${id}</c>, <c>:id</c>, <c>&lt;int:id&gt;</c>, <c>%s</c>, <c>[id]</c>, <c>*</c> → <c>{}</c>; text kept.</summary>
    public static string NormalizeSegment(string segment)
    {
        if (segment is "*" or "**") return "{}";
        if (segment.StartsWith(':') && segment.Length > 1) return "{}";
        if (segment.StartsWith('[') && segment.EndsWith(']')) return "{}";
        var text = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '$' && i + 1 < segment.Length && segment[i + 1] == '{') continue;
            if (c is '{' or '<')
            {
                var close = c == '{' ? '}' : '>';
                var depth = 1;
                var j = i + 1;
                for (; j < segment.Length && depth > 0; j++)
                {
                    if (segment[j] == c) depth++;
                    else if (segment[j] == close) depth--;
                }
                text.Append("{}");
                i = j - 1;
                continue;
            }
            if (c == '%' && i + 1 < segment.Length && segment[i + 1] is 's' or 'd' or 'i' or 'r' or 'f')
            {
                text.Append("{}");
                i++;
                continue;
            }
            text.Append(c);
        }
        var normalized = text.ToString();
        return normalized.Replace("{}{}", "{}", StringComparison.Ordinal);
    }
}

/// <summary>Joins a base address's path and a request path the way each client does.</summary>
public static class UrlJoin
{
    public static string Join(string basePath, string relative, JoinStyle style)
    {
        if (relative.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || relative.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return relative;
        basePath = string.IsNullOrEmpty(basePath) ? "/" : basePath;
        if (style == JoinStyle.Concatenate)
            return basePath.TrimEnd('/') + "/" + relative.TrimStart('/');
        if (relative.StartsWith('/')) return relative;
        var directory = basePath.EndsWith('/') ? basePath : basePath[..(basePath.LastIndexOf('/') + 1)];
        return directory + relative;
    }
}
