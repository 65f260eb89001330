using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class EndpointSunsetChangedTests
{
    private static readonly string Sunset2027 = Orders("deprecated: true\nx-sunset: '2027-12-31'");

    [Fact]
    public void Deleting_the_sunset_date_of_a_deprecated_operation_breaks_the_plan_of_its_clients()
    {
        var change = Assert.Single(Run<EndpointSunsetChanged>(Sunset2027, Orders("deprecated: true")));

        Assert.Equal((EndpointSunsetChanged.SunsetDeleted, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("the sunset date 2027-12-31 of deprecated GET /orders was deleted", change.Message);
    }

    [Fact]
    public void Moving_the_sunset_date_into_the_past_is_breaking()
    {
        var change = Assert.Single(Run<EndpointSunsetChanged>(Sunset2027, Orders("deprecated: true\nx-sunset: '2026-01-01'")));

        Assert.Equal((EndpointSunsetChanged.SunsetDateChangedTooSmall, ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void Moving_the_sunset_date_earlier_is_fine_while_the_policy_is_kept()
    {
        var policy = new DiffOptions { Today = Today, StableDeprecationDays = 30 };

        Assert.Empty(Run<EndpointSunsetChanged>(Sunset2027, Orders("deprecated: true\nx-sunset: '2027-06-30'"), policy));
        Assert.Single(Run<EndpointSunsetChanged>(Sunset2027, Orders("deprecated: true\nx-sunset: '2026-12-01'"), policy));
    }

    [Fact]
    public void Moving_the_sunset_date_later_is_fine()
    {
        Assert.Empty(Run<EndpointSunsetChanged>(Sunset2027, Orders("deprecated: true\nx-sunset: '2028-12-31'")));
    }

    [Fact]
    public void A_changed_sunset_that_is_not_a_date_is_reported()
    {
        var change = Assert.Single(Run<EndpointSunsetChanged>(Sunset2027, Orders("deprecated: true\nx-sunset: later")));

        Assert.Equal(EndpointSunsetChanged.SunsetParse, change.Rule);
        Assert.Contains("'later' is not a date", change.Message, StringComparison.Ordinal);
    }
}
