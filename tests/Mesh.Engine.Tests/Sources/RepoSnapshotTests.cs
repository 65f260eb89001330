using Mesh.Engine;
using Mesh.Engine.Sources;
using Mesh.Testing;

namespace Mesh.Engine.Tests.Sources;

public sealed class RepoSnapshotTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static RepoConfig Config(TempRepo repo, params string[] exclude) => new(repo.Name, repo.Path, null, exclude);

    [Fact]
    public void A_commit_snapshot_lists_files_with_their_git_blob_ids_at_each_commit()
    {
        var repo = _workspace.AddRepo("orders");
        var first = repo.Write("api/openapi.yaml", "v1").Write("README.md", "hi").Commit();
        var second = repo.Write("api/openapi.yaml", "v2").Commit();

        using var atFirst = RepoSnapshot.Open(Config(repo), first);
        using var atHead = RepoSnapshot.Open(Config(repo));

        Assert.Equal(first, atFirst.Revision);
        Assert.Equal(second, atHead.Revision);
        var before = atFirst.Files().ToDictionary(f => f.Path);
        var after = atHead.Files().ToDictionary(f => f.Path);
        Assert.Equal(["README.md", "api/openapi.yaml"], before.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(GitBlobId.Compute("v1"u8), before["api/openapi.yaml"].BlobId);
        Assert.Equal(GitBlobId.Compute("v2"u8), after["api/openapi.yaml"].BlobId);
        Assert.Equal(before["README.md"].BlobId, after["README.md"].BlobId);
        Assert.Equal("v1"u8.ToArray(), atFirst.Read(before["api/openapi.yaml"]));
        Assert.Equal(2, before["api/openapi.yaml"].Size);
    }

    [Fact]
    public void The_working_tree_snapshot_sees_uncommitted_edits_and_new_files_under_gits_blob_ids()
    {
        var repo = _workspace.AddRepo("orders");
        repo.Write("api/openapi.yaml", "committed").Write("gone.txt", "x").Commit();
        repo.Write("api/openapi.yaml", "edited").Write("new/spec.json", "{}").Delete("gone.txt");

        using var snapshot = RepoSnapshot.Open(Config(repo), workingTree: true);

        var files = snapshot.Files().ToDictionary(f => f.Path);
        Assert.Equal(RepoSnapshot.WorkingTree, snapshot.Revision);
        Assert.Equal(["api/openapi.yaml", "new/spec.json"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(GitBlobId.Compute("edited"u8), files["api/openapi.yaml"].BlobId);
        Assert.Equal(GitBlobId.Compute("{}"u8), files["new/spec.json"].BlobId);
        Assert.Equal("edited"u8.ToArray(), snapshot.Read(files["api/openapi.yaml"]));
    }

    [Fact]
    public void Blob_ids_computed_for_the_working_tree_equal_the_ids_git_stores()
    {
        var repo = _workspace.AddRepo("r");
        var content = "openapi: 3.1.0\nnon-ascii: café ☕\n";
        repo.Write("spec.yaml", content).Commit();
        using var committed = RepoSnapshot.Open(Config(repo));
        repo.Write("spec.yaml", content + "# touched\n").Write("spec.yaml", content);

        Assert.Equal(committed.Files().Single().BlobId, GitBlobId.Compute(System.Text.Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void Dependency_and_build_folders_and_exclude_globs_are_skipped_and_listed()
    {
        var repo = _workspace.AddRepo("web");
        repo.Write("src/api.yaml", "a").Write("node_modules/lib/openapi.json", "b").Write("bin/Debug/x.json", "c")
            .Write("docs/old/spec.yaml", "d").Write("src/nested/dist/bundle.json", "e").Commit();

        using var snapshot = RepoSnapshot.Open(Config(repo, "docs/**"));

        Assert.Equal(["src/api.yaml"], snapshot.Files().Select(f => f.Path));
        Assert.Equal(
            [("bin/", SkipReasons.Folder), ("docs/old/spec.yaml", SkipReasons.Glob), ("node_modules/", SkipReasons.Folder), ("src/nested/dist/", SkipReasons.Folder)],
            snapshot.Skipped.Select(s => (s.Path, s.Reason)).Order());
    }

    [Fact]
    public void Working_tree_skips_are_listed_once_per_folder()
    {
        var repo = _workspace.AddRepo("web");
        repo.Write("a.json", "{}").Commit();
        repo.Write("node_modules/x/1.json", "{}").Write("node_modules/y/2.json", "{}");

        using var snapshot = RepoSnapshot.Open(Config(repo), workingTree: true);

        Assert.Equal(["a.json"], snapshot.Files().Select(f => f.Path));
        Assert.Equal([new SkippedFile("node_modules/", SkipReasons.Folder)], snapshot.Skipped);
    }

    [Fact]
    public void An_unknown_ref_names_the_valid_branches_and_tags()
    {
        var repo = _workspace.AddRepo("orders");
        repo.Write("a", "1").Commit();
        repo.Tag("v1.0");

        var error = Assert.Throws<UnknownRefException>(() => RepoSnapshot.Open(Config(repo), "relase-2"));

        Assert.Contains("unknown ref 'relase-2' in repo 'orders'", error.Message);
        Assert.Contains("v1.0", error.Message);
        Assert.Contains("HEAD~N", error.Message);
    }

    [Theory]
    [InlineData("HEAD\u0000", "U+0000 at character 5")]
    [InlineData("HEAD\n", "U+000A at character 5")]
    [InlineData("", "an empty ref")]
    [InlineData("  ", "an empty ref")]
    public void A_ref_with_control_characters_or_none_at_all_is_refused_not_read_as_HEAD(string reference, string message)
    {
        var repo = _workspace.AddRepo("orders");
        repo.Write("a", "1").Commit();

        var error = Assert.Throws<MeshException>(() => RepoSnapshot.Open(Config(repo), reference));

        Assert.Contains(message, error.Message);
        Assert.Contains("valid: a commit id", error.Message);
    }

    [Fact]
    public void A_repo_without_commits_says_so_and_how_to_index_it()
    {
        var repo = _workspace.AddRepo("empty");

        var error = Assert.Throws<MeshException>(() => RepoSnapshot.Open(Config(repo)));

        Assert.Contains("no commits yet", error.Message);
        Assert.Contains("--worktree", error.Message);
    }

    [Fact]
    public void Refs_resolve_by_branch_tag_and_relative_spec()
    {
        var repo = _workspace.AddRepo("orders");
        var first = repo.Write("a", "1").Commit();
        repo.Tag("v1");
        repo.Write("a", "2").Commit();

        using var byTag = RepoSnapshot.Open(Config(repo), "v1");
        using var byParent = RepoSnapshot.Open(Config(repo), "HEAD~1");

        Assert.Equal(first, byTag.Revision);
        Assert.Equal(first, byParent.Revision);
    }
}
