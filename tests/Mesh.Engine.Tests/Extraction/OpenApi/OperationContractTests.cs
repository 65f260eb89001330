using Mesh.Engine.Extraction;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

/// <summary>What the differ needs from an operation beyond its shapes: security, header details, parameter sunsets, servers.</summary>
public sealed class OperationContractTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: Orders, version: '1' }
        servers: [ { url: api.example.com/v1 } ]
        security: [ { apiKey: [] } ]
        paths:
          /orders:
            get:
              parameters:
                - { name: cursor, in: query, deprecated: true, x-sunset: '2027-01-31', schema: { type: string } }
              responses:
                '200':
                  description: ok
                  headers:
                    X-Total-Count: { required: true, schema: { type: integer } }
                    Link: { $ref: '#/components/headers/Link' }
            post:
              security: [ { oauth: [orders.write, orders.read], apiKey: [] }, {} ]
              responses: { '201': { description: created } }
            delete:
              security: []
              responses: { '204': { description: gone } }
        components:
          headers:
            Link: { deprecated: true, schema: { type: string } }
          securitySchemes:
            apiKey: { type: apiKey, in: header, name: X-Api-Key }
            oauth:
              type: oauth2
              flows: { clientCredentials: { tokenUrl: https://auth.example.com/token, scopes: { orders.read: r, orders.write: w } } }
        """;

    private readonly FileFacts _facts = Specs.ExtractText("openapi.yaml", Spec);

    [Fact]
    public void Operations_without_security_of_their_own_inherit_the_global_requirement()
    {
        var list = _facts.Endpoint("GET", "/orders");

        Assert.Equal(["apiKey"], list.Security);
        Assert.True(list.SecurityInherited);
    }

    [Fact]
    public void Own_requirements_are_sorted_text_with_sorted_scopes_and_the_empty_one_as_braces()
    {
        var create = _facts.Endpoint("POST", "/orders");

        Assert.Equal(["apiKey + oauth[orders.read orders.write]", "{}"], create.Security);
        Assert.False(create.SecurityInherited);
        var delete = _facts.Endpoint("DELETE", "/orders");
        Assert.NotNull(delete.Security);
        Assert.Empty(delete.Security);
        Assert.False(delete.SecurityInherited);
    }

    [Fact]
    public void Response_headers_carry_required_deprecated_and_schema()
    {
        var headers = _facts.Endpoint("GET", "/orders").Response("200").Headers!;

        Assert.Equal([("Link", false, true, "string"), ("X-Total-Count", true, false, "integer")],
            headers.Select(h => (h.Name, h.Required, h.Deprecated, h.Schema?.Types?.Single())));
    }

    [Fact]
    public void A_parameter_sunset_is_read_from_its_x_sunset()
    {
        var cursor = Assert.Single(_facts.Endpoint("GET", "/orders").Parameters);

        Assert.Equal((true, "2027-01-31"), (cursor.Deprecated, cursor.Sunset));
    }

    [Fact]
    public void A_server_url_written_without_a_scheme_starts_with_its_host()
    {
        Assert.All(_facts.Endpoints, e => Assert.Equal("/v1", e.BasePath));
    }
}
