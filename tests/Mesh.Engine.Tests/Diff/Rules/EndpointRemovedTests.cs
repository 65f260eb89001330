using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class EndpointRemovedTests
{
    /// <summary>GET and POST /orders, with extra keys (one per line) on GET.</summary>
    private static string Orders(string getExtras) => Document(
        "/orders:\n  get:\n" + string.Concat(getExtras.Split('\n').Select(l => "    " + l + "\n")) +
        "    responses: { '200': { description: ok } }\n  post:\n    responses: { '201': { description: created } }");

    private static readonly string PostOnly = Document("""
        /orders:
          post:
            responses: { '201': { description: created } }
        """);

    [Fact]
    public void Removing_an_operation_that_was_not_deprecated_breaks_its_clients()
    {
        var change = Assert.Single(Run<EndpointRemoved>(Orders("summary: list"), PostOnly));

        Assert.Equal((EndpointRemoved.RemovedWithoutDeprecation, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("GET /orders was removed without being deprecated first", change.Message);
    }

    [Fact]
    public void Removing_a_whole_path_is_reported_as_a_path_removal()
    {
        var change = Assert.Single(Run<EndpointRemoved>(Orders("summary: list"), Document("""
            /invoices:
              get:
                responses: { '200': { description: ok } }
            """)), c => c.Method == "GET");

        Assert.Equal(EndpointRemoved.PathRemovedWithoutDeprecation, change.Rule);
    }

    [Fact]
    public void Removing_a_deprecated_operation_before_its_sunset_date_breaks_its_clients()
    {
        var change = Assert.Single(Run<EndpointRemoved>(Orders("deprecated: true\nx-sunset: '2027-01-31'"), PostOnly));

        Assert.Equal((EndpointRemoved.RemovedBeforeSunset, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("GET /orders was removed before its sunset date 2027-01-31", change.Message);
    }

    [Fact]
    public void Removing_a_deprecated_operation_after_its_sunset_date_is_news()
    {
        var change = Assert.Single(Run<EndpointRemoved>(Orders("deprecated: true\nx-sunset: '2026-01-31'"), PostOnly));

        Assert.Equal((EndpointRemoved.RemovedWithDeprecation, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_deprecated_alpha_operation_may_go_before_its_sunset_date()
    {
        var change = Assert.Single(Run<EndpointRemoved>(Orders("deprecated: true\nx-sunset: '2027-01-31'\nx-stability-level: alpha"), PostOnly));

        Assert.Equal(EndpointRemoved.RemovedWithDeprecation, change.Rule);
    }

    [Fact]
    public void A_removed_operation_whose_sunset_is_not_a_date_is_reported()
    {
        var change = Assert.Single(Run<EndpointRemoved>(Orders("deprecated: true\nx-sunset: soon"), PostOnly));

        Assert.Equal((EndpointRemoved.PathSunsetParse, ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Contains("'soon' is not a date", change.Message, StringComparison.Ordinal);
    }
}
