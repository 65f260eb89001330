using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Reliability;

/// <summary>
/// What the index passes over is never silent, at a commit or in the working tree: a minified bundle and a submodule are
/// listed as skipped with their reason, and a source file with one pathological line keeps the rest of its calls, with a
/// diagnostic bound to the file that says which line was not read and why.
/// </summary>
public sealed class SkippedFileTests : IDisposable
{
    private const int Depth = 1_000;

    private readonly TempWorkspace _workspace = new();

    public SkippedFileTests()
    {
        var library = _workspace.AddRepo("library").Write("api/inner.yaml", Specs.OrdersYaml.Replace("/orders", "/inner", StringComparison.Ordinal));
        library.Commit("library");
        var repo = _workspace.AddRepo("web")
            // A 1 MB bundle on one line, under a name no rule excludes: only its content says it is minified.
            .Write("public/app.js", "/*! app v1 */\n!function(){" + string.Concat(Enumerable.Repeat("fetch(\"/api/orders\");", 1 << 15)) + "}();\n//# sourceMappingURL=app.js.map\n")
            .Write("src/deep.ts", "fetch('/before');\nconst x = " + new string('(', Depth) + "fetch('/inside')" + new string(')', Depth) + ";\nfetch('/after');\n");
        repo.Commit("web");
        GitCli.Run(repo.Path, "-c", "protocol.file.allow=always", "submodule", "--quiet", "add", new Uri(library.Path).AbsoluteUri, "lib");
        GitCli.Run(repo.Path, "-c", "user.name=Test", "-c", "user.email=test@mesh.invalid", "commit", "--quiet", "-m", "submodule");
        _workspace.WriteConfig(new { name = "web", path = "web" });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_minified_bundle_and_a_submodule_are_listed_as_skipped_with_their_reason(bool workingTree)
    {
        var index = _workspace.OpenIndex();

        var report = await index.IndexAsync(new IndexRequest(WorkingTree: workingTree)).WaitAsync(TimeSpan.FromMinutes(2));

        var repo = Assert.Single(report.Repos);
        Assert.True(repo.Error is null, repo.Error);
        var skipped = repo.Skipped.ToDictionary(s => s.Path, s => s.Reason, StringComparer.Ordinal);
        Assert.Equal(SkipReasons.Submodule, skipped.GetValueOrDefault("lib"));
        Assert.StartsWith(SkipReasons.Minified + ": ", skipped.GetValueOrDefault("public/app.js"), StringComparison.Ordinal);
        var surface = index.Store.Surface("web")!;
        var minified = Assert.Single(surface.Diagnostics, d => d.File == "public/app.js");
        Assert.Contains("minified", minified.Diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(surface.CallSites, c => c.File == "public/app.js");
        Assert.DoesNotContain(surface.Endpoints, e => e.Fact.Path.StartsWith("/inner", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Calls_around_a_deeply_nested_line_are_indexed_and_the_line_is_reported(bool workingTree)
    {
        var index = _workspace.OpenIndex();

        await index.IndexAsync(new IndexRequest(WorkingTree: workingTree)).WaitAsync(TimeSpan.FromMinutes(2));

        var surface = index.Store.Surface("web")!;
        var calls = surface.CallSites.Where(c => c.File == "src/deep.ts").Select(c => (c.Fact.Url, c.Line)).ToList();
        Assert.Equal([("/before", 1), ("/after", 3)], calls);
        var diagnostic = Assert.Single(surface.Diagnostics, d => d.File == "src/deep.ts" && d.Diagnostic.Line == 2);
        Assert.Contains($"line 2 ({2 * Depth + 27:N0} bytes)", diagnostic.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("not read", diagnostic.Diagnostic.Message, StringComparison.Ordinal);
    }
}
