using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>The path an API's routes are relative to: Swagger 2 <c>basePath</c>, or the path of the first OAS 3 server URL.</summary>
internal static class BasePaths
{
    public static string? FromBasePath(JsonNode? basePath) =>
        basePath is JsonValue value && value.TryGetValue<string>(out var text) ? Normalize(text) : null;

    public static string? FromServers(IList<OpenApiServer>? servers)
    {
        if (servers is not { Count: > 0 } || servers[0].Url is not { } url) return null;
        // Server variables take their defaults, so `https://{host}/{version}` still yields a path.
        foreach (var (name, variable) in servers[0].Variables ?? new Dictionary<string, OpenApiServerVariable>())
            url = url.Replace("{" + name + "}", variable.Default ?? "", StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme >= 0 ? scheme + 3 : url.StartsWith("//", StringComparison.Ordinal) ? 2 : StartsWithHost(url) ? 0 : -1;
        if (hostStart >= 0)
        {
            var slash = url.IndexOf('/', hostStart);
            url = slash < 0 ? "" : url[slash..];
        }
        return Normalize(url);
    }

    /// <summary>A URL written without a scheme whose first segment is a host (<c>api.example.com/v1</c>, <c>localhost:8080</c>), not a relative path.</summary>
    private static bool StartsWithHost(string url)
    {
        if (url.StartsWith('/') || url.StartsWith('.')) return false;
        var slash = url.IndexOf('/');
        var first = slash < 0 ? url : url[..slash];
        return first.Contains('.') || first.Contains(':') || first == "localhost";
    }

    private static string? Normalize(string path)
    {
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        path = path.TrimEnd('/');
        if (path.Length == 0) return null;
        return path.StartsWith('/') ? path : "/" + path;
    }
}
