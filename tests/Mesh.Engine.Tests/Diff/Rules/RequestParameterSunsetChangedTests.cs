using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.RequestParameterDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestParameterSunsetChangedTests
{
    private static readonly string Sunset2027 = Limit(", deprecated: true, x-sunset: '2027-12-31'");

    [Fact]
    public void Deleting_the_sunset_date_of_a_deprecated_parameter_is_breaking()
    {
        var change = Assert.Single(Run<RequestParameterSunsetChanged>(Sunset2027, Limit(", deprecated: true")));

        Assert.Equal((RequestParameterSunsetChanged.SunsetDeleted, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("the sunset date 2027-12-31 of deprecated query parameter 'limit' of GET /orders was deleted", change.Message);
    }

    [Fact]
    public void Moving_the_sunset_date_earlier_than_the_policy_allows_is_breaking()
    {
        var policy = new DiffOptions { Today = Today, StableDeprecationDays = 60 };

        var change = Assert.Single(Run<RequestParameterSunsetChanged>(Sunset2027, Limit(", deprecated: true, x-sunset: '2027-01-01'"), policy));

        Assert.Equal(RequestParameterSunsetChanged.SunsetDateChangedTooSmall, change.Rule);
        Assert.Empty(Run<RequestParameterSunsetChanged>(Sunset2027, Limit(", deprecated: true, x-sunset: '2027-03-01'"), policy));
    }

    [Fact]
    public void A_changed_sunset_that_is_not_a_date_is_reported()
    {
        var change = Assert.Single(Run<RequestParameterSunsetChanged>(Sunset2027, Limit(", deprecated: true, x-sunset: later")));

        Assert.Equal(RequestParameterSunsetChanged.SunsetParse, change.Rule);
    }
}
