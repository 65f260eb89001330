using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class SecurityChangedTests
{
    private const string Schemes = """
        components:
          securitySchemes:
            apiKey: { type: apiKey, in: header, name: X-Api-Key }
            oauth:
              type: oauth2
              flows:
                implicit:
                  authorizationUrl: https://auth.example.com/authorize
                  scopes: { orders.read: read orders, orders.write: write orders }
        """;

    private static string Orders(string? operationSecurity = null, string? globalSecurity = null) => Document(
        "/orders:\n  get:\n" + (operationSecurity is null ? "" : $"    security: {operationSecurity}\n") + "    responses: { '200': { description: ok } }",
        Schemes + (globalSecurity is null ? "" : $"\nsecurity: {globalSecurity}"));

    [Fact]
    public void A_requirement_added_to_an_operation_is_reported()
    {
        var change = Assert.Single(Run<SecurityChanged>(Orders(), Orders("[ { apiKey: [] } ]")));

        Assert.Equal((SecurityChanged.Added, "security requirement 'apiKey' was added to GET /orders"), (change.Rule, change.Message));
    }

    [Fact]
    public void A_requirement_removed_from_an_operation_is_reported()
    {
        var change = Assert.Single(Run<SecurityChanged>(Orders("[ { apiKey: [] }, { oauth: [orders.read] } ]"), Orders("[ { oauth: [orders.read] } ]")));

        Assert.Equal(SecurityChanged.Removed, change.Rule);
    }

    [Fact]
    public void Scopes_are_compared_within_the_same_requirement()
    {
        var changes = Run<SecurityChanged>(Orders("[ { oauth: [orders.read] } ]"), Orders("[ { oauth: [orders.read, orders.write] } ]"));

        var change = Assert.Single(changes);
        Assert.Equal(SecurityChanged.ScopeAdded, change.Rule);
        Assert.Equal("scope 'orders.write' of scheme 'oauth' was added to the security requirement 'oauth[orders.read orders.write]' of GET /orders", change.Message);
    }

    [Fact]
    public void A_global_requirement_is_reported_as_global_on_the_operations_that_inherit_it()
    {
        var change = Assert.Single(Run<SecurityChanged>(Orders(), Orders(globalSecurity: "[ { apiKey: [] } ]")));

        Assert.Equal((SecurityChanged.GlobalAdded, "global security requirement 'apiKey' was added; it applies to GET /orders"), (change.Rule, change.Message));
    }

    [Fact]
    public void An_operation_with_its_own_security_is_not_touched_by_the_global_one()
    {
        Assert.Empty(Run<SecurityChanged>(Orders("[ { oauth: [] } ]"), Orders("[ { oauth: [] } ]", globalSecurity: "[ { apiKey: [] } ]")));
    }

    [Fact]
    public void Opting_out_of_the_global_requirement_removes_it_from_the_operation()
    {
        var change = Assert.Single(Run<SecurityChanged>(Orders(globalSecurity: "[ { apiKey: [] } ]"), Orders("[]", globalSecurity: "[ { apiKey: [] } ]")));

        Assert.Equal(SecurityChanged.GlobalRemoved, change.Rule);
    }
}
