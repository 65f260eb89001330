namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Byte-level test deciding whether a file may be an API description before anything is parsed:
/// most JSON and YAML files in a repo (package.json, docker-compose.yml) are rejected in microseconds.
/// </summary>
internal static class ApiSniffer
{
    private static readonly byte[][] Keys = ["openapi"u8.ToArray(), "swagger"u8.ToArray()];

    public static bool IsJson(ReadOnlySpan<byte> utf8)
    {
        var start = utf8.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && utf8[start] == (byte)'{';
    }

    /// <summary>JSON: a quoted <c>"openapi"</c>/<c>"swagger"</c> key anywhere; YAML: such a key at the start of a line.</summary>
    public static bool MayBeApi(ReadOnlySpan<byte> utf8, bool json)
    {
        foreach (var key in Keys)
        {
            for (var from = 0; from < utf8.Length;)
            {
                var found = utf8[from..].IndexOf(key);
                if (found < 0) break;
                var at = from + found;
                if (json ? IsJsonKey(utf8, at, key.Length) : IsYamlRootKey(utf8, at, key.Length)) return true;
                from = at + key.Length;
            }
        }
        return false;
    }

    private static bool IsJsonKey(ReadOnlySpan<byte> text, int at, int length)
    {
        if (at == 0 || text[at - 1] != (byte)'"') return false;
        var after = text[(at + length)..];
        if (after.IsEmpty || after[0] != (byte)'"') return false;
        var next = after[1..].IndexOfAnyExcept(" \t\r\n"u8);
        return next >= 0 && after[1 + next] == (byte)':';
    }

    private static bool IsYamlRootKey(ReadOnlySpan<byte> text, int at, int length)
    {
        var quote = at > 0 && text[at - 1] is (byte)'"' or (byte)'\'' ? 1 : 0;
        var lineStart = at - quote;
        if (lineStart > 0 && text[lineStart - 1] != (byte)'\n') return false;
        var after = text[(at + length + quote)..];
        var next = after.IndexOfAnyExcept(" \t"u8);
        return next >= 0 && after[next] == (byte)':';
    }
}
