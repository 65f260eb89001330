using Mesh.Engine.Diff;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Resolution;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Tests.Diff.Rules;

/// <summary>
/// Diffs one operation, <c>POST /orders</c>, whose request body, 200 response body or a parameter has the schema
/// given as JSON before and after, through the OpenAPI extractor and the default differ.
/// </summary>
internal static class SchemaChanges
{
    public static IReadOnlyList<Change> OfRequestBody(string before, string after, string components = "{}") =>
        Between(Document(request: before, components: components), Document(request: after, components: components));

    public static IReadOnlyList<Change> OfResponseBody(string before, string after, string components = "{}") =>
        Between(Document(response: before, components: components), Document(response: after, components: components));

    /// <summary>A <paramref name="where"/> parameter named <c>p</c>.</summary>
    public static IReadOnlyList<Change> OfParameter(string before, string after, string where = "query") =>
        Between(Document(parameter: Parameter(before, where)), Document(parameter: Parameter(after, where)));

    /// <summary>Changes of both documents (OpenAPI JSON), sorted as the differ sorts them.</summary>
    public static IReadOnlyList<Change> Between(string before, string after) =>
        SurfaceDiffer.Default.Diff(Surface(before), Surface(after), new DiffOptions { Today = new DateOnly(2026, 1, 1) });

    public static string Document(string? request = null, string? response = null, string? parameter = null, string components = "{}")
    {
        var parameters = parameter is null ? "" : $"\"parameters\": [{parameter}],";
        var body = request is null ? "" : $"\"requestBody\": {{\"content\": {{\"application/json\": {{\"schema\": {request}}}}}}},";
        var content = response is null ? "" : $", \"content\": {{\"application/json\": {{\"schema\": {response}}}}}";
        return $$"""
            {
              "openapi": "3.1.0",
              "info": { "title": "Orders", "version": "1" },
              "paths": { "/orders": { "post": {
                "operationId": "createOrder", {{parameters}} {{body}}
                "responses": { "200": { "description": "ok" {{content}} } }
              } } },
              "components": { "schemas": {{components}} }
            }
            """;
    }

    private static string Parameter(string schema, string where) =>
        $"{{\"name\": \"p\", \"in\": \"{where}\", \"required\": {(where == "path" ? "true" : "false")}, \"schema\": {schema}}}";

    private static Mesh.Engine.Model.RepoSurface Surface(string document)
    {
        const string file = "openapi.json";
        var bytes = System.Text.Encoding.UTF8.GetBytes(document);
        var extractor = new OpenApiExtractor();
        var facts = extractor.Extract(file, bytes);
        var indexed = new IndexedFile(file, GitBlobId.Compute(bytes), extractor.Name, extractor.Version, facts, Parsed: true);
        return RepoResolver.Resolve("orders", [indexed]);
    }
}
