using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyDeprecatedTests
{
    /// <summary>POST /orders whose request body (or 200 response body) has a property <c>note</c> with <paramref name="extras"/>.</summary>
    private static string Orders(string extras = "", bool response = false, string stability = "")
    {
        var schema = $"{{ type: object, properties: {{ note: {{ type: string{extras} }} }} }}";
        return Document(
            "/orders:\n  post:\n" + (stability == "" ? "" : $"    x-stability-level: {stability}\n") +
            (response ? "" : $"    requestBody: {{ content: {{ application/json: {{ schema: {schema} }} }} }}\n") +
            "    responses:\n      '200':\n        description: ok\n" +
            (response ? $"        content: {{ application/json: {{ schema: {schema} }} }}" : "").TrimEnd('\n'));
    }

    private static readonly DiffOptions Policy = new() { Today = Today, StableDeprecationDays = 90 };

    [Fact]
    public void Deprecating_a_request_property_without_a_policy_is_news()
    {
        var change = Assert.Single(Run<PropertyDeprecated>(Orders(), Orders(", deprecated: true")));

        Assert.Equal(("request-property-deprecated", ChangeLevel.Info), (change.Rule, change.Level));
        Assert.Equal("request body property 'note' was deprecated", change.Message);
    }

    [Fact]
    public void Deprecating_a_response_property_with_a_sunset_date_names_the_date()
    {
        var change = Assert.Single(Run<PropertyDeprecated>(Orders(response: true), Orders(", deprecated: true, x-sunset: '2027-06-01'", response: true)));

        Assert.Equal(("response-property-deprecated-with-sunset", ChangeLevel.Info), (change.Rule, change.Level));
        Assert.Equal("2027-06-01", change.After);
    }

    [Fact]
    public void Undeprecating_a_property_is_news()
    {
        Assert.Equal("request-property-reactivated", Assert.Single(Run<PropertyDeprecated>(Orders(", deprecated: true"), Orders())).Rule);
        Assert.Equal("response-property-reactivated", Assert.Single(Run<PropertyDeprecated>(Orders(", deprecated: true", response: true), Orders(response: true))).Rule);
    }

    [Fact]
    public void With_a_policy_a_deprecated_property_needs_a_sunset_date()
    {
        var change = Assert.Single(Run<PropertyDeprecated>(Orders(), Orders(", deprecated: true"), Policy));
        Assert.Equal(("request-property-deprecated-sunset-missing", ChangeLevel.Err), (change.Rule, change.Level));

        Assert.Equal("response-property-deprecated-sunset-missing", Assert.Single(Run<PropertyDeprecated>(Orders(response: true), Orders(", deprecated: true", response: true), Policy)).Rule);
    }

    [Fact]
    public void A_sunset_date_that_is_not_a_date_breaks_the_policy_check()
    {
        Assert.Equal("request-property-deprecated-sunset-invalid", Assert.Single(Run<PropertyDeprecated>(Orders(), Orders(", deprecated: true, x-sunset: soon"))).Rule);
        Assert.Equal("response-property-deprecated-sunset-invalid", Assert.Single(Run<PropertyDeprecated>(Orders(response: true), Orders(", deprecated: true, x-sunset: soon", response: true))).Rule);
    }

    [Fact]
    public void With_a_policy_a_sunset_date_too_close_breaks_it()
    {
        var change = Assert.Single(Run<PropertyDeprecated>(Orders(), Orders(", deprecated: true, x-sunset: '2026-12-01'"), Policy));
        Assert.Equal(("request-property-sunset-date-too-small", ChangeLevel.Err), (change.Rule, change.Level));

        Assert.Equal("response-property-sunset-date-too-small",
            Assert.Single(Run<PropertyDeprecated>(Orders(response: true), Orders(", deprecated: true, x-sunset: '2026-12-01'", response: true), Policy)).Rule);
    }

    [Fact]
    public void Properties_of_alpha_operations_follow_no_policy()
    {
        var change = Assert.Single(Run<PropertyDeprecated>(Orders(stability: "alpha"), Orders(", deprecated: true", stability: "alpha"), Policy));

        Assert.Equal("request-property-deprecated", change.Rule);
    }
}
