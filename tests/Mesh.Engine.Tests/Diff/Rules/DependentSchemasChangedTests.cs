using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class DependentSchemasChangedTests
{
    private const string Account = """{"type":"object","properties":{"iban":{"type":"string"},"bic":{"type":"string"}}}""";
    private const string Dependent = """{"type":"object","properties":{"iban":{"type":"string"},"bic":{"type":"string"}},"dependentSchemas":{"iban":{"required":["bic"]}}}""";

    [Fact]
    public void A_request_object_that_must_match_more_when_a_property_is_set_breaks_clients()
    {
        var change = Assert.Single(Between(RequestBody(Property(Account)), RequestBody(Property(Dependent))));

        Assert.Equal(("request-property-dependent-schema-added", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_dependency_dropped_may_surprise_clients()
    {
        var change = Assert.Single(Between(ResponseBody(Dependent), ResponseBody(Account)));

        Assert.Equal(("response-body-dependent-schema-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_dependency_present_on_both_sides_is_walked_like_any_subschema()
    {
        var change = Assert.Single(Between(RequestBody(Dependent), RequestBody(Dependent.Replace("""{"required":["bic"]}""", """{"required":["bic"],"const":{}}""", StringComparison.Ordinal))));

        Assert.Equal(("request-body-const-added", "request body /dependentSchemas[iban]"), (change.Rule, change.Location));
    }
}
