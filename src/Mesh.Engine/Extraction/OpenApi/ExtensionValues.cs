using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>Reads <c>x-</c> extension values that Mesh understands (sunset dates, stability levels).</summary>
internal static class ExtensionValues
{
    /// <summary>A scalar extension as text; null when absent or not a scalar.</summary>
    public static string? Text(IDictionary<string, IOpenApiExtension>? extensions, string name)
    {
        if (extensions is null || !extensions.TryGetValue(name, out var extension)) return null;
        return extension is JsonNodeExtension { Node: JsonValue value } ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        } : null;
    }
}
