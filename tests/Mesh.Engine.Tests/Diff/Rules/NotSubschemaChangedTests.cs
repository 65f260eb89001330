using Mesh.Engine.Diff;
using static Mesh.Engine.Tests.Diff.SchemaDiffs;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class NotSubschemaChangedTests
{
    [Fact]
    public void Refusing_some_request_values_breaks_clients_sending_them()
    {
        var change = Assert.Single(Between(
            RequestBody(Property("""{"type":"string"}""")),
            RequestBody(Property("""{"type":"string","not":{"const":""}}"""))));

        Assert.Equal(("request-property-not-added", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_response_no_longer_refusing_values_may_surprise_clients()
    {
        var change = Assert.Single(Between(ResponseBody("""{"type":"string","not":{"const":""}}"""), ResponseBody("""{"type":"string"}""")));

        Assert.Equal(("response-body-not-removed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_change_inside_not_is_reported_whole_and_at_its_location_inside_not()
    {
        var changes = Between(RequestBody("""{"not":{"type":"string"}}"""), RequestBody("""{"not":{"type":"integer"}}"""));

        // Like oasdiff, Mesh also walks into `not`: the inner change is named at its own location.
        Assert.Contains(changes, c => (c.Rule, c.Level) == ("request-body-not-changed", ChangeLevel.Warn));
        Assert.All(changes.Where(c => c.Rule != "request-body-not-changed"), c => Assert.EndsWith("/not", c.Location, StringComparison.Ordinal));
    }
}
