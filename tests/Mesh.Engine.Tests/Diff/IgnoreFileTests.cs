using Mesh.Engine.Diff;
using Mesh.Engine.Tests.Diff.Reports;

namespace Mesh.Engine.Tests.Diff;

public sealed class IgnoreFileTests
{
    private static IgnoreFile Parse(string text) => IgnoreFile.Parse(".mesh-ignore", text, SampleReports.Catalog);

    [Fact]
    public void An_entry_in_force_leaves_its_change_out_and_the_summary_is_counted_again()
    {
        var outcome = Parse("api-removed-without-deprecation DELETE /orders/{id} # clients moved to v2").Apply(SampleReports.Report(), SampleReports.Today);

        var ignored = Assert.Single(outcome.Ignored);
        Assert.Equal("/orders/{id}", ignored.Change.Path);
        Assert.Equal("clients moved to v2", ignored.Entry.Reason);
        Assert.DoesNotContain(outcome.Report.Changes, c => c.Path == "/orders/{id}" && c.Method == "DELETE");
        Assert.Equal(2, outcome.Report.Summary.Errors);
        Assert.False(outcome.Report.Summary.SafeToShip);
    }

    [Fact]
    public void Ignoring_every_breaking_change_makes_the_report_safe_to_ship()
    {
        var outcome = Parse(
            """
            api-removed-without-deprecation * /orders/{id}
            api-removed-without-deprecation DELETE /orders/{id}/notes
            request-property-became-required POST /orders
            """).Apply(SampleReports.Report(), SampleReports.Today);

        Assert.Equal(3, outcome.Ignored.Count);
        Assert.Equal(0, outcome.Report.Summary.Errors);
        Assert.True(outcome.Report.Summary.SafeToShip);
        Assert.StartsWith("safe to ship", outcome.Report.Summary.Verdict);
    }

    [Fact]
    public void Paths_compare_by_path_key_so_parameter_names_do_not_matter()
    {
        var outcome = Parse("api-removed-without-deprecation DELETE /orders/{orderId}").Apply(SampleReports.Report(), SampleReports.Today);

        Assert.Equal("/orders/{id}", Assert.Single(outcome.Ignored).Change.Path);
    }

    [Fact]
    public void A_star_rule_ignores_every_change_of_the_endpoint()
    {
        var outcome = Parse("* GET /orders/{id}").Apply(SampleReports.Report(), SampleReports.Today);

        Assert.Equal(2, outcome.Ignored.Count);
        Assert.All(outcome.Ignored, i => Assert.Equal("GET", i.Change.Method));
    }

    [Fact]
    public void An_entry_ignores_through_its_until_day_and_is_expired_the_day_after()
    {
        var file = Parse("api-removed-without-deprecation DELETE /orders/{id} until 2026-03-01");

        var lastDay = file.Apply(SampleReports.Report(), new DateOnly(2026, 3, 1));
        var dayAfter = file.Apply(SampleReports.Report(), new DateOnly(2026, 3, 2));

        Assert.Single(lastDay.Ignored);
        Assert.Empty(lastDay.Expired);
        Assert.Empty(dayAfter.Ignored);
        var expired = Assert.Single(dayAfter.Expired);
        Assert.Equal(1, expired.Entry.Line);
        Assert.Equal(1, expired.Matches);
        Assert.Contains(dayAfter.Report.Changes, c => c.Path == "/orders/{id}" && c.Method == "DELETE");
    }

    [Fact]
    public void An_expired_entry_that_matches_nothing_is_still_reported()
    {
        var outcome = Parse("api-removed-without-deprecation GET /gone until 2020-01-01").Apply(SampleReports.Report(), SampleReports.Today);

        Assert.Equal(0, Assert.Single(outcome.Expired).Matches);
    }

    [Fact]
    public void Blank_lines_and_comments_are_skipped_and_methods_are_case_insensitive()
    {
        var file = Parse("\n# accepted\n   \napi-removed-without-deprecation delete /orders/{id}   # ok\r\n");

        var entry = Assert.Single(file.Entries);
        Assert.Equal("DELETE", entry.Method);
        Assert.Equal(4, entry.Line);
    }

    [Theory]
    [InlineData("api-removed-without-deprecation DELETE", "expected 'rule-id METHOD /path [until YYYY-MM-DD] [# reason]'")]
    [InlineData("api-removed-without-deprecaton DELETE /orders", "unknown rule id 'api-removed-without-deprecaton' (did you mean 'api-removed-without-deprecation'?)")]
    [InlineData("api-removed-without-deprecation FETCH /orders", "'FETCH' is not an HTTP method")]
    [InlineData("api-removed-without-deprecation GET orders", "must start with '/'")]
    [InlineData("api-removed-without-deprecation GET /orders before 2026-01-01", "expected 'until YYYY-MM-DD' after the path")]
    [InlineData("api-removed-without-deprecation GET /orders until 31/01/2026", "'31/01/2026' is not a date")]
    public void A_line_that_does_not_parse_is_an_error_naming_file_line_and_what_is_valid(string line, string message)
    {
        var error = Assert.Throws<MeshException>(() => Parse("# header\n" + line));

        Assert.StartsWith(".mesh-ignore:2: ", error.Message);
        Assert.Contains(message, error.Message);
    }
}
