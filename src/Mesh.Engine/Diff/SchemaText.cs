using System.Text.Json;
using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>A schema as compact JSON (stored-fact shape): to tell two subschemas apart and to show before/after values.</summary>
internal static class SchemaText
{
    public static string Of(ApiSchema? schema) => schema is null ? "" : JsonSerializer.Serialize(schema, MeshJson.Storage);

    public static bool Same(ApiSchema? a, ApiSchema? b) => string.Equals(Of(a), Of(b), StringComparison.Ordinal);
}
