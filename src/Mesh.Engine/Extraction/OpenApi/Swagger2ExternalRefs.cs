using System.Text.Json.Nodes;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Keeps the text of a Swagger 2 document's external <c>$ref</c>s (<c>http://example.com/defs.json#/definitions/X</c>):
/// Microsoft.OpenApi's 2.0 reader splits them at the wrong slash (<c>http:/#/...</c>) or throws on one without a fragment.
/// Mesh never loads them, so before reading each becomes a local placeholder that stays unresolved, and a diagnostic or
/// schema reference names it by its real text.
/// </summary>
internal sealed class Swagger2ExternalRefs
{
    private const string Placeholder = "mesh-external-ref-";

    private readonly List<string> _texts = [];

    public static readonly Swagger2ExternalRefs None = new();

    /// <summary>Replaces each external <c>$ref</c> under <paramref name="root"/> with a placeholder (examples and extensions are left alone).</summary>
    public static Swagger2ExternalRefs Replace(JsonObject root)
    {
        var refs = new Swagger2ExternalRefs();
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (node is JsonArray array)
            {
                foreach (var item in array) if (item is not null) pending.Push(item);
                continue;
            }
            if (node is not JsonObject obj) continue;
            if (obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var text) && !text.StartsWith('#'))
            {
                obj["$ref"] = $"#/definitions/{Placeholder}{refs._texts.Count}";
                refs._texts.Add(text);
            }
            foreach (var (key, child) in obj)
                if (child is not null && key != "$ref" && !key.StartsWith("x-", StringComparison.Ordinal) && key is not ("example" or "examples"))
                    pending.Push(child);
        }
        return refs;
    }

    /// <summary>The real text of the reference <paramref name="pointer"/> stands for, or <paramref name="pointer"/> itself.</summary>
    public string Text(string pointer) => Original(pointer) ?? pointer;

    /// <summary>The name a schema reference keeps for an external target: its last pointer segment, as for OpenAPI 3 documents.</summary>
    public string? Name(string pointer) =>
        Original(pointer) is { } text ? text[(text.LastIndexOf('/') + 1)..] is { Length: > 0 } last ? last : text : null;

    private string? Original(string pointer)
    {
        var at = pointer.LastIndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0 || !int.TryParse(pointer.AsSpan(at + Placeholder.Length), out var index) || index < 0 || index >= _texts.Count) return null;
        return _texts[index];
    }
}
