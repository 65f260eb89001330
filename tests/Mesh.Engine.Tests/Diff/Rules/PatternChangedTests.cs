using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PatternChangedTests
{
    private static IReadOnlyList<Change> Sku(string before, string after) => SchemaChanges.OfRequestBody(
        """{"type": "object", "properties": {"sku": """ + before + "}}",
        """{"type": "object", "properties": {"sku": """ + after + "}}");

    [Fact]
    public void A_new_request_pattern_breaks_clients_sending_other_values()
    {
        var change = Assert.Single(Sku("""{"type": "string"}""", """{"type": "string", "pattern": "^[A-Z]{3}$"}"""));

        Assert.Equal(("request-property-pattern-added", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("request body property 'sku' must now match the pattern '^[A-Z]{3}$'", change.Message);
    }

    [Fact]
    public void A_changed_request_pattern_may_break_clients()
    {
        var change = Assert.Single(Sku("""{"type": "string", "pattern": "^[a-z]+$"}""", """{"type": "string", "pattern": "^[0-9]+$"}"""));

        Assert.Equal(("request-property-pattern-changed", ChangeLevel.Warn), (change.Rule, change.Level));
    }

    [Fact]
    public void A_pattern_that_now_matches_anything_only_generalizes()
    {
        var change = Assert.Single(Sku("""{"type": "string", "pattern": "^[a-z]+$"}""", """{"type": "string", "pattern": ".*"}"""));

        Assert.Equal(("request-property-pattern-generalized", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void An_empty_pattern_is_no_pattern()
    {
        var change = Assert.Single(Sku("""{"type": "string", "pattern": "^[a-z]+$"}""", """{"type": "string", "pattern": ""}"""));

        Assert.Equal("request-property-pattern-removed", change.Rule);
    }
}
