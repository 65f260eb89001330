using System.Text;
using Mesh.Engine.Extraction;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Model;
using Xunit;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

public sealed class MalformedInputTests
{
    private const string MinimalYaml = """
        openapi: 3.0.3
        info:
          title: Orders
          version: "1"
        paths:
          /orders:
            get:
              responses:
                '200':
                  description: ok
        """;

    [Theory]
    [InlineData("package.json", """{ "name": "web", "version": "1.0.0", "dependencies": { "swagger-ui-express": "^5.0.0" }, "scripts": { "openapi": "gen" } }""")]
    [InlineData("tsconfig.json", """{ "compilerOptions": { "strict": true, "outDir": "dist" } }""")]
    [InlineData("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } }, "Swagger": { "Enabled": true } }""")]
    [InlineData("docker-compose.yml", "services:\n  api:\n    image: swaggerapi/swagger-ui\n    environment:\n      openapi: /spec.yaml\n")]
    [InlineData("values.yaml", "replicaCount: 2\nimage:\n  repository: nginx\n")]
    [InlineData("nested.json", """{ "spec": { "openapi": "3.0.0", "paths": {} } }""")]
    public void Non_api_json_and_yaml_files_yield_no_facts_and_no_diagnostics(string path, string text)
    {
        var facts = Specs.ExtractText(path, text);

        Assert.True(facts.IsEmpty);
    }

    [Fact]
    public void Detection_is_by_content_not_by_file_name()
    {
        var facts = Specs.ExtractText("config/settings.yml", MinimalYaml);

        Assert.Equal(("GET", "/orders", 7), (facts.Endpoints[0].Method, facts.Endpoints[0].Path, facts.Endpoints[0].Line));
    }

    [Fact]
    public void Accepts_only_json_and_yaml_paths()
    {
        var extractor = new OpenApiExtractor();

        Assert.True(extractor.Accepts("api/openapi.YAML"));
        Assert.True(extractor.Accepts("swagger.json"));
        Assert.True(extractor.Accepts("spec.yml"));
        Assert.False(extractor.Accepts("openapi.txt"));
        Assert.Equal(32L * 1024 * 1024, extractor.MaxFileBytes);
    }

    [Fact]
    public void Yaml_syntax_error_is_one_error_with_its_line()
    {
        var text = MinimalYaml.Replace("      description: ok", "      description: [ok", StringComparison.Ordinal) + "\n";

        var diagnostic = Assert.Single(Specs.ExtractText("openapi.yaml", text).Diagnostics);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("YAML", diagnostic.Message, StringComparison.Ordinal);
        Assert.InRange(diagnostic.Line, 10, 11);
    }

    [Fact]
    public void Yaml_bad_indentation_is_reported_at_its_line()
    {
        var text = "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: {}\n   bad: indentation\n";

        var facts = Specs.ExtractText("openapi.yaml", text);

        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 9), (diagnostic.Severity, diagnostic.Line));
        Assert.Empty(facts.Endpoints);
    }

    [Fact]
    public void Truncated_json_is_one_error_with_its_line()
    {
        var text = "{\n  \"openapi\": \"3.1.0\",\n  \"info\": { \"title\": \"x\", \"version\": \"1\" },\n  \"paths\": {\n    \"/a\": {\n      \"get\": {";

        var facts = Specs.ExtractText("openapi.json", text);

        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("JSON syntax error", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(6, diagnostic.Line);
    }

    [Fact]
    public void Dangling_schema_reference_is_a_diagnostic_and_stays_a_reference()
    {
        var text = """
            openapi: 3.0.3
            info: { title: x, version: '1' }
            paths:
              /orders:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Missing'
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    customer:
                      $ref: '#/components/schemas/Missing'
            """;

        var facts = Specs.ExtractText("openapi.yaml", text);

        Assert.Equal("Missing", facts.Endpoint("GET", "/orders").Response("200").Schema?.Ref);
        Assert.Equal("Missing", facts.Schema("Order").Property("customer").Ref);
        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("#/components/schemas/Missing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_response_reference_is_a_diagnostic_at_the_operation_line()
    {
        var text = MinimalYaml.Replace("          description: ok", "          $ref: '#/components/responses/Gone'", StringComparison.Ordinal);

        var facts = Specs.ExtractText("openapi.yaml", text);

        var response = facts.Endpoint("GET", "/orders").Response("200");
        Assert.Null(response.Schema);
        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal(7, diagnostic.Line);
        Assert.Contains("#/components/responses/Gone", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_yields_nothing()
    {
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);

        var facts = new OpenApiExtractor().Extract("blob.json", garbage);

        Assert.True(facts.IsEmpty);
    }

    [Fact]
    public void Invalid_utf8_in_a_spec_is_an_error_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes(MinimalYaml.Replace("title: Orders", "title: Orders\u00e9", StringComparison.Ordinal)).ToList();
        var at = bytes.IndexOf(0xC3);
        bytes[at + 1] = 0x28;

        var facts = new OpenApiExtractor().Extract("openapi.yaml", bytes.ToArray());

        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 3), (diagnostic.Severity, diagnostic.Line));
        Assert.Contains("UTF-8", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_bomb_is_a_diagnostic_not_a_hang()
    {
        var bomb = new StringBuilder("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\nx-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level < 12; level++)
            bomb.Append($"  a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var facts = Specs.ExtractText("openapi.yaml", bomb.ToString());

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("aliases", diagnostic.Message, StringComparison.Ordinal);
        Assert.InRange(diagnostic.Line, 6, 16);
    }

    [Fact]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var deep = "{\"openapi\":\"3.0.3\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var facts = Specs.ExtractText("openapi.json", deep);

        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(facts.Diagnostics).Severity);
    }

    [Fact]
    public void Unsupported_version_is_a_diagnostic()
    {
        var facts = Specs.ExtractText("openapi.json", """{ "openapi": "4.0.0", "paths": {} }""");

        Assert.Contains("4.0.0", Assert.Single(facts.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unquoted_swagger_version_in_yaml_is_still_2_0()
    {
        var text = "swagger: 2.0\ninfo:\n  title: x\n  version: 1.0\nbasePath: /\npaths:\n  /ping:\n    get:\n      responses:\n        200:\n          description: pong\n";

        var facts = Specs.ExtractText("swagger.yaml", text);

        var ping = Assert.Single(facts.Endpoints);
        Assert.Equal(("openapi-2.0", 8, null, "200"), (ping.Framework, ping.Line, ping.BasePath, ping.Responses[0].Status));
    }

    [Fact]
    public void Yaml_merge_keys_and_byte_order_mark_are_understood()
    {
        var text = "\uFEFF" + """
            openapi: 3.1.0
            info: {title: x, version: '1'}
            paths: {}
            components:
              schemas:
                Base: &base
                  type: object
                  format: from-base
                Named:
                  <<: *base
                  title: Named
                  type: string
            """;

        var facts = Specs.ExtractText("openapi.yaml", text);

        Assert.Empty(facts.Diagnostics);
        var named = facts.Schema("Named");
        Assert.Equal(("Named", "from-base"), (named.Title, named.Format));
        Assert.Equal(["string"], named.Types);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new OpenApiExtractor().Extract("openapi.yaml", Encoding.UTF8.GetBytes(MinimalYaml), cancelled.Token));
    }

    [Fact]
    public void Swagger2_external_refs_are_reported_by_their_real_text()
    {
        var facts = Specs.ExtractText("api/swagger.yaml", """
            swagger: '2.0'
            info: {title: t, version: '1'}
            paths:
              /a:
                get:
                  parameters: [{$ref: 'http://example.com/p.json#/parameters/P'}]
                  responses:
                    '200': {description: ok, schema: {$ref: 'http://example.com/defs.json#/definitions/X'}}
                    '201': {description: ok, schema: {$ref: 'defs.json#/definitions/Y'}}
                    '202': {description: ok, schema: {$ref: 'common.json'}}
                    '203': {$ref: 'http://example.com/r.json#/responses/R'}
            """);

        var endpoint = facts.Endpoint("GET", "/a");
        Assert.Equal(["200", "201", "202", "203"], endpoint.Responses.Select(r => r.Status));
        Assert.Equal(["X", "Y", "common.json"], endpoint.Responses.Take(3).Select(r => r.Schema?.Ref));
        Assert.Equal(
            [
                "unresolved reference 'http://example.com/p.json#/parameters/P'",
                "unresolved reference 'http://example.com/r.json#/responses/R'",
                "unresolved schema reference 'common.json'",
                "unresolved schema reference 'defs.json#/definitions/Y'",
                "unresolved schema reference 'http://example.com/defs.json#/definitions/X'",
            ],
            facts.Diagnostics.Select(d => d.Message).Order(StringComparer.Ordinal));
    }
}
