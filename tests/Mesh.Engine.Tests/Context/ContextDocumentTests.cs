using System.Runtime.CompilerServices;
using System.Text;
using Mesh.Engine.Context;
using Mesh.Engine.Indexing;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Context;

/// <summary>
/// The context document of each repo of a three-repo workspace with history, kept as golden files and reviewed like
/// code: what an agent working in that repo is told. Regenerate on purpose with MESH_UPDATE_GOLDEN=1.
/// </summary>
public sealed class ContextDocumentTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private static string GoldenPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);

    private async Task<WorkspaceIndex> IndexedAsync()
    {
        ShopWorkspace.Create(_workspace);
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index;
    }

    private static void MatchesGolden(string name, string actual)
    {
        var path = GoldenPath(name);
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"no golden file {path}; run once with MESH_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("web")]
    [InlineData("reports")]
    public async Task Each_repos_context_matches_its_golden_file(string repo)
    {
        var index = await IndexedAsync();

        var markdown = ContextMarkdown.Render(new ContextQuery(index).Build(repo));

        MatchesGolden($"{repo}.context.md", markdown);
    }

    [Fact]
    public async Task Commits_that_touch_no_API_source_do_not_push_changes_out_of_the_window()
    {
        var index = await IndexedAsync();

        // orders' newest commit only adds a README: the two commits before it still count as the last two.
        var context = new ContextQuery(index, commits: 2).Build("web");

        Assert.Equal(2, context.RecentChanges.Select(c => c.Commit.Sha).Distinct().Count());
        Assert.Contains(context.RecentChanges, c => c.Change.Rule == "api-path-removed-without-deprecation");
    }

    [Fact]
    public async Task A_repo_that_is_not_indexed_yet_is_an_error_that_says_what_to_do()
    {
        ShopWorkspace.Create(_workspace);
        var index = _workspace.OpenIndex();

        var error = Assert.Throws<MeshException>(() => new ContextQuery(index).Build("web"));

        Assert.Contains("not indexed yet", error.Message);
    }

    [Fact]
    public async Task The_short_revisions_the_document_names_for_propose_migration_resolve_to_the_same_changes()
    {
        var index = await IndexedAsync();
        var change = new ContextQuery(index).Build("web").RecentChanges[0];

        var report = Mesh.Engine.Diff.DiffQuery.Run(index, new Mesh.Engine.Diff.DiffRequest("orders", change.Commit.ParentSha[..12], change.Commit.Sha[..12]));

        Assert.Contains(report.Changes, c => c.Id == change.Change.Id);
    }
}
