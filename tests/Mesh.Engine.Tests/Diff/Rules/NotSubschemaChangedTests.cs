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
    public void A_change_inside_not_is_compared_whole_and_never_read_as_a_narrowing_of_its_parent()
    {
        var changes = Between(RequestBody("""{"not":{"type":"string"}}"""), RequestBody("""{"not":{"type":"integer"}}"""));

        var change = Assert.Single(changes);
        Assert.Equal(("request-body-not-changed", ChangeLevel.Warn), (change.Rule, change.Level));
    }
}
