using System.Runtime.CompilerServices;
using System.Text.Json;
using Mesh.Engine.Diff.Reports;
using Mesh.Testing;

namespace Mesh.Engine.Tests.Diff.Reports;

/// <summary>
/// Every `mesh diff` format of one realistic report, kept as golden files under Golden/ and reviewed like code.
/// Regenerate on purpose with MESH_UPDATE_GOLDEN=1.
/// </summary>
public sealed class DiffFormatGoldenTests
{
    private static string GoldenPath(string name, [CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);

    private static void Matches(string name, string actual) => Assert.Equal(GoldenFile.Expected(GoldenPath(name), actual), actual);

    [Fact]
    public void Text_matches_its_golden_file() => Matches("orders.txt", new TextDiffFormat().Write(SampleReports.Outcome()));

    [Fact]
    public void Json_matches_its_golden_file() => Matches("orders.json", new JsonDiffFormat().Write(SampleReports.Outcome()));

    [Fact]
    public void Markdown_matches_its_golden_file() => Matches("orders.md", new MarkdownDiffFormat().Write(SampleReports.Outcome()));

    [Fact]
    public void Sarif_matches_its_golden_file() => Matches("orders.sarif", new SarifDiffFormat(SampleReports.Catalog).Write(SampleReports.Outcome()));

    [Fact]
    public void GitHub_workflow_commands_match_their_golden_file() => Matches("orders.github.txt", new GitHubDiffFormat().Write(SampleReports.Outcome()));

    [Fact]
    public void Json_has_the_documented_shape_with_levels_as_ERR_WARN_INFO()
    {
        var json = JsonDocument.Parse(new JsonDiffFormat().Write(SampleReports.Outcome())).RootElement;

        var summary = json.GetProperty("summary");
        Assert.False(summary.GetProperty("safe_to_ship").GetBoolean());
        Assert.Equal(2, summary.GetProperty("errors").GetInt32());
        foreach (var change in json.GetProperty("changes").EnumerateArray())
        {
            foreach (var field in new[] { "rule", "level", "method", "path", "location", "message" })
                Assert.Equal(JsonValueKind.String, change.GetProperty(field).ValueKind);
            Assert.Contains(change.GetProperty("level").GetString(), new[] { "ERR", "WARN", "INFO" });
            Assert.Equal(JsonValueKind.Array, change.GetProperty("affected").ValueKind);
        }
    }

    [Fact]
    public void Sarif_results_point_at_valid_rules_and_repo_relative_files()
    {
        var sarif = JsonDocument.Parse(new SarifDiffFormat(SampleReports.Catalog).Write(SampleReports.Outcome())).RootElement;

        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var run = sarif.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(SampleReports.Catalog.Select(r => r.Id), rules);
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()]);
            var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
            Assert.Equal("api/openapi.yaml", uri);
        }
    }
}
