using System.Diagnostics;
using System.Text.Json;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

public sealed class StripeSpecTests(ITestOutputHelper output)
{
    [SharedCorpusFact("bench-specs")]
    public void Stripe_spec_extracts_every_operation_with_a_line_and_a_bounded_result()
    {
        var path = Path.Combine(SharedFolder.Find("bench-specs"), "stripe", "spec3-2023-09-12.yaml");
        var bytes = File.ReadAllBytes(path);

        var clock = Stopwatch.StartNew();
        var facts = new OpenApiExtractor().Extract(path, bytes);
        clock.Stop();
        var serialized = JsonSerializer.SerializeToUtf8Bytes(facts);
        output.WriteLine($"{facts.Endpoints.Count} endpoints, {facts.Schemas.Schemas.Count} schemas in {clock.ElapsedMilliseconds} ms; {serialized.Length / 1024} KB as JSON");

        Assert.Empty(facts.Diagnostics);
        Assert.True(facts.Endpoints.Count > 400, $"only {facts.Endpoints.Count} operations");
        Assert.All(facts.Endpoints, e => Assert.True(e.Line > 0, $"{e.Method} {e.Path} has no line"));
        Assert.True(facts.Schemas.Schemas.Count > 500);
        Assert.True(serialized.Length < 20 * 1024 * 1024, $"facts serialize to {serialized.Length} bytes");
    }
}
