using System.Diagnostics;
using System.Text;
using Mesh.Engine.Extraction.CSharp;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.CSharp;

/// <summary>Bad or huge C# input yields facts or a diagnostic in bounded time, never an exception.</summary>
public sealed class PathologicalInputTests
{
    private static readonly CSharpExtractor Extractor = new();

    private static (Mesh.Engine.Extraction.FileFacts Facts, TimeSpan Elapsed) Extract(string text)
    {
        var clock = Stopwatch.StartNew();
        var facts = Extractor.Extract("Weird.cs", Encoding.UTF8.GetBytes(text));
        return (facts, clock.Elapsed);
    }

    [Fact]
    public void A_100k_line_file_with_thousands_of_routes_is_read_whole()
    {
        var text = new StringBuilder("var app = WebApplication.CreateBuilder(args).Build();\n");
        for (var i = 0; i < 25_000; i++) text.Append($"app.MapGet(\"/r{i}\", () => {i});\n// filler\n// filler\n// filler\n");

        var (facts, elapsed) = Extract(text.ToString());

        Assert.Equal(25_000, facts.Endpoints.Count);
        Assert.Equal(99_998, facts.Endpoints[^1].Line);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"took {elapsed}");
    }

    [Fact]
    public void Absurdly_deep_nesting_is_refused_quickly_with_a_diagnostic()
    {
        var nested = string.Concat(Enumerable.Repeat("(", 20_000)) + "1" + string.Concat(Enumerable.Repeat(")", 20_000));

        var (facts, elapsed) = Extract($"class C {{ int x = {nested}; }}");

        Assert.Contains("nest 20001 levels deep", Assert.Single(facts.Diagnostics).Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
    }

    [Fact]
    public void A_long_concatenation_is_evaluated_whole_without_deep_recursion()
    {
        var concatenation = string.Join(" + ", Enumerable.Repeat("\"/a\"", 5_000));

        var (facts, _) = Extract($"class C {{ void M(HttpClient http) => http.GetAsync({concatenation}); }}");

        Assert.Equal(string.Concat(Enumerable.Repeat("/a", 5_000)), Assert.Single(facts.CallSites).Url);
    }

    [Fact]
    public void A_megabyte_on_one_line_and_binary_content_are_handled()
    {
        var (oneLine, _) = Extract("class C { string s = \"" + new string('x', 1 << 20) + "\"; }");
        var binary = Extractor.Extract("Image.cs", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00, 0xC3 });

        Assert.Empty(oneLine.Endpoints);
        var diagnostic = Assert.Single(binary.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("not valid UTF-8", diagnostic.Message);
    }

    [Fact]
    public void A_broken_file_still_yields_what_is_readable_with_a_diagnostic()
    {
        var (facts, _) = Extract("""
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/ok", () => 1);
            app.MapPost("/broken", (Order o => { ;
            app.MapDelete("/after", () => 2);
            """);

        Assert.Contains(facts.Endpoints, e => e.Path == "/ok");
        Assert.Contains(facts.Endpoints, e => e.Path == "/after");
        Assert.Contains(facts.Diagnostics, d => d.Message.StartsWith("syntax error", StringComparison.Ordinal));
    }
}
