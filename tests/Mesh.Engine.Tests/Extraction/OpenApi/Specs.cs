using Mesh.Engine.Extraction;
using Xunit;
using System.Text;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

/// <summary>Reads the spec fixtures copied beside the tests and runs the extractor on them.</summary>
internal static class Specs
{
    public static FileFacts Extract(string fileName) =>
        new OpenApiExtractor().Extract(fileName, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Extraction", "OpenApi", "Specs", fileName)));

    public static FileFacts ExtractText(string fileName, string text) =>
        new OpenApiExtractor().Extract(fileName, Encoding.UTF8.GetBytes(text));

    public static EndpointFact Endpoint(this FileFacts facts, string method, string path) =>
        Assert.Single(facts.Endpoints, e => e.Method == method && e.Path == path);

    public static ApiResponse Response(this EndpointFact endpoint, string status) =>
        Assert.Single(endpoint.Responses, r => r.Status == status);

    public static ApiSchema Schema(this FileFacts facts, string name) =>
        Assert.Contains(name, facts.Schemas.Schemas);

    public static ApiSchema Property(this ApiSchema schema, string name) =>
        Assert.Contains(name, Assert.IsAssignableFrom<IReadOnlyDictionary<string, ApiSchema>>(schema.Properties));
}
