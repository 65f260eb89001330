using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class EndpointDeprecatedTests
{
    /// <summary>GET /orders with extra operation keys (one per line).</summary>
    internal static string Orders(string extras = "") => Document(
        "/orders:\n  get:\n" + string.Concat(extras.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n")) +
        "    responses: { '200': { description: ok } }");

    private static readonly DiffOptions Policy = new() { Today = Today, StableDeprecationDays = 180, BetaDeprecationDays = 30 };

    [Fact]
    public void Deprecating_an_operation_is_news()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders(), Orders("deprecated: true")));

        Assert.Equal((EndpointDeprecated.Deprecated, ChangeLevel.Info, "GET /orders was deprecated"), (change.Rule, change.Level, change.Message));
    }

    [Fact]
    public void Deprecating_with_a_sunset_date_says_the_date()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders(), Orders("deprecated: true\nx-sunset: '2027-12-31'")));

        Assert.Equal((EndpointDeprecated.DeprecatedWithSunset, "GET /orders was deprecated, with sunset date 2027-12-31"), (change.Rule, change.Message));
    }

    [Fact]
    public void Undeprecating_an_operation_is_news()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders("deprecated: true"), Orders()));

        Assert.Equal((EndpointDeprecated.Reactivated, "GET /orders is no longer deprecated"), (change.Rule, change.Message));
    }

    [Fact]
    public void With_a_policy_a_deprecation_needs_a_sunset_date()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders(), Orders("deprecated: true"), Policy));

        Assert.Equal((EndpointDeprecated.SunsetMissing, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Contains("at least 180 days", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_policy_a_sunset_date_too_close_breaks_it()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders(), Orders("deprecated: true\nx-sunset: '2027-01-01'"), Policy));

        Assert.Equal((EndpointDeprecated.SunsetTooSmall, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Contains("not before 2027-05-22", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Beta_operations_follow_the_beta_policy()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders("x-stability-level: beta"), Orders("x-stability-level: beta\ndeprecated: true\nx-sunset: '2027-01-01'"), Policy));

        Assert.Equal(EndpointDeprecated.DeprecatedWithSunset, change.Rule);
    }

    [Fact]
    public void Alpha_operations_need_no_sunset_date()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders("x-stability-level: alpha"), Orders("x-stability-level: alpha\ndeprecated: true"), Policy));

        Assert.Equal(EndpointDeprecated.Deprecated, change.Rule);
    }

    [Fact]
    public void A_sunset_that_is_not_a_date_is_reported()
    {
        var change = Assert.Single(Run<EndpointDeprecated>(Orders(), Orders("deprecated: true\nx-sunset: next spring")));

        Assert.Equal((EndpointDeprecated.SunsetParse, ChangeLevel.Err), (change.Rule, change.Level));
    }
}
