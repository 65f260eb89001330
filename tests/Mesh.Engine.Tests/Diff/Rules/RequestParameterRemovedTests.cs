using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.EndpointDeprecatedTests;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class RequestParameterRemovedTests
{
    private static string Limit(string extras = "") => Orders($"parameters: [ {{ name: limit, in: query, schema: {{ type: integer }}{extras} }} ]");

    [Fact]
    public void Removing_a_parameter_may_break_clients_that_rely_on_it()
    {
        var change = Assert.Single(Run<RequestParameterRemoved>(Limit(), Orders()));

        Assert.Equal((RequestParameterRemoved.Removed, ChangeLevel.Warn), (change.Rule, change.Level));
        Assert.Equal(("query parameter limit", "query parameter 'limit' of GET /orders was removed without being deprecated first"), (change.Location, change.Message));
    }

    [Fact]
    public void Removing_a_deprecated_parameter_before_its_sunset_breaks_clients()
    {
        var change = Assert.Single(Run<RequestParameterRemoved>(Limit(", deprecated: true, x-sunset: '2027-03-01'"), Orders()));

        Assert.Equal((RequestParameterRemoved.RemovedBeforeSunset, ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void Removing_a_deprecated_parameter_after_its_sunset_is_news()
    {
        var change = Assert.Single(Run<RequestParameterRemoved>(Limit(", deprecated: true, x-sunset: '2026-03-01'"), Orders()));

        Assert.Equal((RequestParameterRemoved.RemovedWithDeprecation, ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_removed_parameter_whose_sunset_is_not_a_date_is_reported()
    {
        var change = Assert.Single(Run<RequestParameterRemoved>(Limit(", deprecated: true, x-sunset: someday"), Orders()));

        Assert.Equal(RequestParameterRemoved.SunsetParse, change.Rule);
    }

    [Fact]
    public void Renaming_a_path_parameter_removes_nothing()
    {
        var before = Document("""
            /orders/{id}:
              get:
                parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                responses: { '200': { description: ok } }
            """);
        var after = before.Replace("{id}", "{orderId}").Replace("name: id", "name: orderId");

        Assert.Empty(Run(before, after));
    }

    [Fact]
    public void Header_parameter_names_ignore_case()
    {
        var before = Orders("parameters: [ { name: X-Tenant, in: header, schema: { type: string } } ]");
        var after = Orders("parameters: [ { name: x-tenant, in: header, schema: { type: string } } ]");

        Assert.Empty(Run(before, after));
    }
}
