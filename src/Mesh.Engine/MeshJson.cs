using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Engine;

/// <summary>The one JSON shape of Mesh's outputs and stored facts: snake_case, nulls left out, stable order.</summary>
public static class MeshJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false, JsonIgnoreCondition.WhenWritingNull);
    public static readonly JsonSerializerOptions Indented = Create(indented: true, JsonIgnoreCondition.WhenWritingNull);

    /// <summary>
    /// For MCP structured content: nulls are written, because the output schema generated from the same records lists
    /// every property as required (nullable ones as <c>["string","null"]</c>) and clients validate against it.
    /// </summary>
    public static readonly JsonSerializerOptions Structured = Create(indented: false, JsonIgnoreCondition.Never);

    /// <summary>For stored facts: also leaves out false and zero, which keeps real specs' facts about 5x smaller.</summary>
    public static readonly JsonSerializerOptions Storage = Create(indented: false, JsonIgnoreCondition.WhenWritingDefault);

    private static JsonSerializerOptions Create(bool indented, JsonIgnoreCondition ignore)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = ignore,
            WriteIndented = indented,
            // Paths and patterns read better unescaped; output is UTF-8 JSON, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
