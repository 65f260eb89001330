using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestParameterDeprecatedTests
{
    internal static string Limit(string extras = "", string operation = "") =>
        Orders(operation + $"parameters: [ {{ name: limit, in: query, schema: {{ type: integer }}{extras} }} ]");

    private static readonly DiffOptions Policy = new() { Today = Today, StableDeprecationDays = 90 };

    [Fact]
    public void Deprecating_a_parameter_is_news()
    {
        var change = Assert.Single(Run<RequestParameterDeprecated>(Limit(), Limit(", deprecated: true, x-sunset: '2027-06-01'")));

        Assert.Equal((RequestParameterDeprecated.Deprecated, ChangeLevel.Info), (change.Rule, change.Level));
        Assert.Equal("query parameter 'limit' of GET /orders was deprecated, with sunset date 2027-06-01", change.Message);
    }

    [Fact]
    public void Undeprecating_a_parameter_is_news()
    {
        var change = Assert.Single(Run<RequestParameterDeprecated>(Limit(", deprecated: true"), Limit()));

        Assert.Equal(RequestParameterDeprecated.Reactivated, change.Rule);
    }

    [Fact]
    public void With_a_policy_a_deprecated_parameter_needs_a_sunset_date()
    {
        var change = Assert.Single(Run<RequestParameterDeprecated>(Limit(), Limit(", deprecated: true"), Policy));

        Assert.Equal((RequestParameterDeprecated.SunsetMissing, ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void With_a_policy_a_sunset_date_too_close_breaks_it()
    {
        var change = Assert.Single(Run<RequestParameterDeprecated>(Limit(), Limit(", deprecated: true, x-sunset: '2026-12-01'"), Policy));

        Assert.Equal(RequestParameterDeprecated.SunsetTooSmall, change.Rule);
    }

    [Fact]
    public void Parameters_of_alpha_operations_need_no_sunset_date()
    {
        var change = Assert.Single(Run<RequestParameterDeprecated>(Limit(operation: "x-stability-level: alpha\n"), Limit(", deprecated: true", "x-stability-level: alpha\n"), Policy));

        Assert.Equal(RequestParameterDeprecated.Deprecated, change.Rule);
    }

    [Fact]
    public void A_sunset_that_is_not_a_date_is_reported()
    {
        var change = Assert.Single(Run<RequestParameterDeprecated>(Limit(), Limit(", deprecated: true, x-sunset: soon")));

        Assert.Equal((RequestParameterDeprecated.SunsetParse, ChangeLevel.Err), (change.Rule, change.Level));
    }
}
