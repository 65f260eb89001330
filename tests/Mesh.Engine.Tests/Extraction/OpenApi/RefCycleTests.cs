using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

/// <summary>
/// A <c>$ref</c> chain that loops back on itself (not through a schema's properties, which is legal) cannot be read: the
/// part that uses it is left out with a diagnostic naming the cycle, and every other part and operation of the file is kept.
/// </summary>
public sealed class RefCycleTests
{
    private const string Header = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    private const string Clean = """
          /clean:
            get:
              operationId: clean
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: string}}}}
        """;

    [Fact]
    public void A_response_cycle_leaves_out_that_response_and_keeps_every_operation()
    {
        var facts = Specs.ExtractText("api/cycle.yaml", Header + """
            paths:
              /looped:
                get:
                  responses:
                    '200': {$ref: '#/components/responses/Loop'}
                    '404': {description: missing}
            """ + "\n" + Clean + "\n" + """
            components:
              responses:
                Loop: {$ref: '#/components/responses/Loop2'}
                Loop2: {$ref: '#/components/responses/Loop'}
            """);

        var looped = facts.Endpoint("GET", "/looped");
        Assert.Equal(["200", "404"], looped.Responses.Select(r => r.Status));
        Assert.Equal("missing", looped.Response("404").Description);
        Assert.Equal(["string"], facts.Endpoint("GET", "/clean").Response("200").Schema?.Types);
        var cycle = Assert.Single(facts.Diagnostics);
        Assert.Contains("Circular reference", cycle.Message, StringComparison.Ordinal);
        Assert.Contains("#/components/responses/Loop", cycle.Message, StringComparison.Ordinal);
        Assert.EndsWith("response 200 of GET /looped is left out", cycle.Message, StringComparison.Ordinal);
        Assert.Equal(5, cycle.Line);
    }

    [Fact]
    public void Parameter_request_body_and_header_cycles_leave_out_only_their_part()
    {
        var facts = Specs.ExtractText("api/cycles.yaml", Header + """
            paths:
              /looped:
                post:
                  parameters:
                    - {$ref: '#/components/parameters/P'}
                    - {name: q, in: query, schema: {type: string}}
                  requestBody: {$ref: '#/components/requestBodies/R'}
                  responses:
                    '200':
                      description: ok
                      headers:
                        X-Loop: {$ref: '#/components/headers/H'}
                        X-Rate: {schema: {type: integer}}
            """ + "\n" + Clean + "\n" + """
            components:
              parameters:
                P: {$ref: '#/components/parameters/P'}
              requestBodies:
                R: {$ref: '#/components/requestBodies/R'}
              headers:
                H: {$ref: '#/components/headers/H'}
            """);

        var looped = facts.Endpoint("POST", "/looped");
        Assert.Equal(["q"], looped.Parameters.Select(p => p.Name));
        Assert.Null(looped.RequestBody);
        Assert.Equal(["X-Loop", "X-Rate"], looped.Response("200").Headers?.Select(h => h.Name));
        Assert.Equal(["integer"], looped.Response("200").Headers?[1].Schema?.Types);
        Assert.Single(facts.Endpoint("GET", "/clean").Responses);
        var messages = facts.Diagnostics.Select(d => d.Message).ToList();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Contains("Circular reference", m, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("#/components/parameters/P", StringComparison.Ordinal) && m.EndsWith("a parameter of POST /looped is left out", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("#/components/requestBodies/R", StringComparison.Ordinal) && m.EndsWith("the request body of POST /looped is left out", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("#/components/headers/H", StringComparison.Ordinal) && m.EndsWith("header X-Loop of response 200 of POST /looped is left out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_item_cycle_leaves_out_that_path_only()
    {
        var facts = Specs.ExtractText("api/path-cycle.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n" + """
            paths:
              /looped: {$ref: '#/components/pathItems/A'}
            """ + "\n" + Clean + "\n" + """
            components:
              pathItems:
                A: {$ref: '#/components/pathItems/B'}
                B: {$ref: '#/components/pathItems/A'}
            """);

        Assert.Equal(["GET /clean"], facts.Endpoints.Select(e => $"{e.Method} {e.Path}"));
        var cycle = Assert.Single(facts.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("/looped", StringComparison.Ordinal));
        Assert.Contains("#/components/pathItems/", cycle.Message, StringComparison.Ordinal);
    }
}
