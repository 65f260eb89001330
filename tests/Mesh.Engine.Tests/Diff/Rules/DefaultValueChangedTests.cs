using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class DefaultValueChangedTests
{
    [Fact]
    public void Changing_a_parameter_default_changes_what_requests_without_it_mean()
    {
        var change = Assert.Single(SchemaChanges.OfParameter("""{"type": "integer", "default": 20}""", """{"type": "integer", "default": 50}"""));

        Assert.Equal(("request-parameter-default-value-changed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Contains("20", change.Message, StringComparison.Ordinal);
        Assert.Contains("50", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_request_property_default_is_only_noted()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(
            """{"type": "object", "properties": {"qty": {"type": "integer", "default": 1}}}""",
            """{"type": "object", "properties": {"qty": {"type": "integer"}}}"""));

        Assert.Equal(("request-property-default-value-removed", ChangeLevel.Info), (change.Rule, change.Level));
    }
}
