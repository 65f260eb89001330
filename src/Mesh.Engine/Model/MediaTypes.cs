namespace Mesh.Engine.Model;

/// <summary>Which of a body's media types its one <see cref="ApiSchema"/> describes.</summary>
public static class MediaTypes
{
    /// <summary><c>application/json</c>, else the first JSON-like type, else the first; null when none is declared.</summary>
    public static string? Primary(IReadOnlyList<string> contentTypes) =>
        contentTypes.FirstOrDefault(t => t == "application/json")
        ?? contentTypes.FirstOrDefault(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))
        ?? contentTypes.FirstOrDefault();

    /// <summary>
    /// True when two versions' schemas describe the same media type, so comparing them means something; a side that
    /// declares no media type (code sources often do not) is taken to be the same.
    /// </summary>
    public static bool SchemasComparable(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        Primary(before) is not { } b || Primary(after) is not { } a || string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>JSON, where a number and a string are different values: <c>application/json</c> or a <c>+json</c> type.</summary>
    public static bool IsJson(string mediaType)
    {
        var name = mediaType.Split(';')[0].Trim();
        return name.Equals("application/json", StringComparison.OrdinalIgnoreCase) || name.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
