using System.Text;
using Mesh.Engine.Diff;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Resolution;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Tests.Diff;

/// <summary>
/// Small OpenAPI 3.1 documents around one schema (written as JSON, which YAML reads too), diffed through the real
/// extractor, resolver and differ: <c>POST /items</c> sends the schema as its body or returns it in its 200 response.
/// </summary>
internal static class SchemaDiffs
{
    public static IReadOnlyList<Change> Between(string before, string after, DiffOptions? options = null) =>
        SurfaceDiffer.Default.Diff(Surface(before), Surface(after), options ?? new DiffOptions { Today = new DateOnly(2026, 1, 1) });

    /// <summary>The schema as the request body; <paramref name="components"/> is the JSON of <c>components.schemas</c>.</summary>
    public static string RequestBody(string schema, string components = "{}") =>
        Document("""{"content":{"application/json":{"schema":""" + schema + "}}}", """{"description":"ok"}""", components);

    /// <summary>The schema as the 200 response body.</summary>
    public static string ResponseBody(string schema, string components = "{}") =>
        Document("""{"content":{"text/plain":{"schema":{"type":"string"}}}}""",
            """{"description":"ok","content":{"application/json":{"schema":""" + schema + "}}}", components);

    /// <summary>An object whose property <c>value</c> has the schema.</summary>
    public static string Property(string schema) => """{"type":"object","properties":{"value":""" + schema + "}}";

    /// <summary>The schema as the <c>value</c> query parameter's.</summary>
    public static string QueryParameter(string schema) =>
        """{"openapi":"3.1.0","info":{"title":"Items","version":"1"},"paths":{"/items":{"get":{"operationId":"listItems","parameters":[{"name":"value","in":"query","schema":"""
        + schema + """}],"responses":{"200":{"description":"ok"}}}}}}""";

    private static string Document(string requestBody, string response, string components) =>
        """{"openapi":"3.1.0","info":{"title":"Items","version":"1"},"paths":{"/items":{"post":{"operationId":"createItem","requestBody":"""
        + requestBody + ""","responses":{"200":""" + response + """}}}},"components":{"schemas":""" + components + "}}";

    private static IReadOnlyList<EndpointVersion> Surface(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var extractor = new OpenApiExtractor();
        var facts = extractor.Extract("openapi.json", bytes);
        if (facts.Endpoints.Count == 0) throw new InvalidOperationException($"fixture is no API description: {string.Join("; ", facts.Diagnostics)}");
        var file = new IndexedFile("openapi.json", GitBlobId.Compute(bytes), extractor.Name, extractor.Version, facts, Parsed: true);
        return EndpointVersions.Of(RepoResolver.Resolve("items", [file]));
    }
}
