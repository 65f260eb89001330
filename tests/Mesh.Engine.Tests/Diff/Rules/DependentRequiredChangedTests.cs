using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class DependentRequiredChangedTests
{
    private static string Payment(string dependentRequired) =>
        """{"type":"object","properties":{"card":{"type":"string"},"zip":{"type":"string"},"cvc":{"type":"string"}}""" + dependentRequired + "}";

    [Fact]
    public void A_request_property_that_now_needs_another_breaks_clients()
    {
        var change = Assert.Single(Between(RequestBody(Payment("")), RequestBody(Payment(""","dependentRequired":{"card":["zip"]}"""))));

        Assert.Equal(("request-body-dependent-required-added", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Contains("'card'", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_dependency_dropped_may_surprise_clients()
    {
        var change = Assert.Single(Between(ResponseBody(Property(Payment(""","dependentRequired":{"card":["zip"]}"""))), ResponseBody(Property(Payment("")))));

        Assert.Equal(("response-property-dependent-required-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void Other_dependent_properties_break_both_directions()
    {
        var before = Payment(""","dependentRequired":{"card":["zip"]}""");
        var after = Payment(""","dependentRequired":{"card":["zip","cvc"]}""");

        var request = Assert.Single(Between(RequestBody(before), RequestBody(after)));
        var response = Assert.Single(Between(ResponseBody(after), ResponseBody(before)));

        Assert.Equal(("request-body-dependent-required-changed", ChangeLevel.Err, "zip", "cvc, zip"), (request.Rule, request.Level, request.Before, request.After));
        Assert.Equal(("response-body-dependent-required-changed", ChangeLevel.Err), (response.Rule, response.Level));
    }

    [Fact]
    public void The_order_of_dependent_properties_does_not_matter()
    {
        Assert.Empty(Between(
            RequestBody(Payment(""","dependentRequired":{"card":["zip","cvc"]}""")),
            RequestBody(Payment(""","dependentRequired":{"card":["cvc","zip"]}"""))));
    }
}
