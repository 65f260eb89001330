namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// 1-based lines of the mapping keys near the top of a document, by JSON pointer (<c>/paths/~1orders/get</c>).
/// Microsoft.OpenApi keeps no positions, so the YAML and JSON readers record them while parsing.
/// </summary>
internal sealed class KeyLines
{
    /// <summary>Keys up to this depth are recorded: enough for <c>/paths/{path}/{method}</c> and component names.</summary>
    public const int MaxDepth = 3;

    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public void Record(string pointer, int line) => _lines.TryAdd(pointer, line);

    public int LineOf(string pointer) => _lines.TryGetValue(pointer, out var line) ? line : 0;

    public bool Contains(string pointer) => _lines.ContainsKey(pointer);

    /// <summary>Line of the deepest recorded key on the pointer's way, 0 when none: Microsoft.OpenApi errors point deeper than we record.</summary>
    public int LineOfNearest(string? pointer)
    {
        if (string.IsNullOrEmpty(pointer)) return 0;
        var path = pointer.StartsWith('#') ? pointer[1..] : pointer;
        while (path.Length > 0)
        {
            if (_lines.TryGetValue(path, out var line)) return line;
            var cut = path.LastIndexOf('/');
            if (cut <= 0) break;
            path = path[..cut];
        }
        return 0;
    }

    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Child(string parent, string key) => parent + "/" + Escape(key);
}
