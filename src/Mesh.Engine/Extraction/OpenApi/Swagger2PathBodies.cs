using System.Text.Json.Nodes;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Copies Swagger 2 path-level <c>body</c>/<c>formData</c> parameters into each operation before reading:
/// Microsoft.OpenApi turns operation-level ones into a request body but drops path-level ones.
/// </summary>
internal static class Swagger2PathBodies
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch"];

    public static void PushDown(JsonObject root)
    {
        if (root["paths"] is not JsonObject paths) return;
        var shared = root["parameters"] as JsonObject;
        foreach (var (_, itemNode) in paths)
        {
            if (itemNode is not JsonObject item || item["parameters"] is not JsonArray parameters) continue;
            var bodies = parameters.Where(p => Location(p, shared) is "body" or "formData").ToList();
            if (bodies.Count == 0) continue;
            foreach (var body in bodies) parameters.Remove(body);
            foreach (var method in Methods)
            {
                if (item[method] is not JsonObject operation) continue;
                if (operation["parameters"] is not JsonArray own)
                    operation["parameters"] = own = [];
                var redeclared = own.Select(p => (Name(p, shared), Location(p, shared))).ToHashSet();
                foreach (var body in bodies.Where(b => !redeclared.Contains((Name(b, shared), Location(b, shared)))))
                    own.Add(body?.DeepClone());
            }
        }
    }

    private static JsonObject? Resolve(JsonNode? parameter, JsonObject? shared) =>
        parameter is JsonObject p && p["$ref"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && ((string)p["$ref"]!).StartsWith("#/parameters/", StringComparison.Ordinal)
            ? shared?[((string)p["$ref"]!)["#/parameters/".Length..]] as JsonObject
            : parameter as JsonObject;

    private static string? Location(JsonNode? parameter, JsonObject? shared) => Text(Resolve(parameter, shared)?["in"]);

    private static string? Name(JsonNode? parameter, JsonObject? shared) => Text(Resolve(parameter, shared)?["name"]);

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : null;
}
