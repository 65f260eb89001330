namespace Mesh.Engine.Tests.Diff.Rules;

/// <summary>An OpenAPI 3.1 document with one operation, GET /orders, and the given version and root keys.</summary>
internal static class DocumentSpecs
{
    public static string Orders(string root = "", string version = "'1'", string response = "{ type: object, required: [id], properties: { id: { type: string } } }") =>
        $"openapi: 3.1.0\ninfo: {{ title: Orders, version: {version} }}\n" + (root == "" ? "" : root.TrimEnd() + "\n") +
        $"paths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {{ application/json: {{ schema: {response} }} }}\n";
}
