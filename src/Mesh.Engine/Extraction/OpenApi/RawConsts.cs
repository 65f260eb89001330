using System.Text.Json.Nodes;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Copies each schema's <c>const</c> into an <c>x-mesh-const</c> extension holding its JSON text, before an OpenAPI 3.1
/// document is read: Microsoft.OpenApi keeps <c>const</c> as a string, so <c>1</c> and <c>"1"</c> read the same and
/// <c>null</c>, objects and arrays are lost.
/// </summary>
internal static class RawConsts
{
    public const string Extension = "x-mesh-const";

    /// <summary>Objects under these keys map names to things (a property called <c>const</c> is not the keyword).</summary>
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "dependentSchemas", "dependentRequired", "$defs", "definitions", "schemas",
        "paths", "webhooks", "responses", "parameters", "headers", "content", "callbacks", "links", "encoding",
        "requestBodies", "pathItems", "securitySchemes", "mapping", "variables",
    };

    /// <summary>Values under these keys are data or hold no schema: nothing below them is marked.</summary>
    private static readonly HashSet<string> Opaque = new(StringComparer.Ordinal)
    {
        "const", "default", "enum", "example", "examples", "info", "servers", "tags", "security", "externalDocs",
    };

    public static void Preserve(JsonObject root) => Visit(root, nameMap: false);

    private static void Visit(JsonNode? node, bool nameMap)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Visit(item, nameMap: false);
                break;
            case JsonObject obj:
                if (nameMap)
                {
                    foreach (var (_, value) in obj) Visit(value, nameMap: false);
                    break;
                }
                foreach (var (key, value) in obj)
                {
                    if (Opaque.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal)) continue;
                    Visit(value, NameMaps.Contains(key));
                }
                if (obj.TryGetPropertyValue("const", out var constant) && !obj.ContainsKey(Extension))
                    obj[Extension] = constant?.ToJsonString() ?? "null";
                break;
        }
    }
}
