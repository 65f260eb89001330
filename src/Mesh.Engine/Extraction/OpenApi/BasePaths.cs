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
        if (scheme >= 0)
        {
            var slash = url.IndexOf('/', scheme + 3);
            url = slash < 0 ? "" : url[slash..];
        }
        return Normalize(url);
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
