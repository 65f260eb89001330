using Mesh.Engine;
using Mesh.Engine.Sources;
using Mesh.Testing;

namespace Mesh.Engine.Tests.Sources;

public sealed class WorkspaceTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Without_mesh_json_every_git_repo_directly_under_the_folder_is_a_repo_named_after_it()
    {
        _workspace.AddRepo("orders");
        _workspace.AddRepo("billing");
        Directory.CreateDirectory(Path.Combine(_workspace.Root, "not-a-repo"));

        var workspace = Workspace.Load(_workspace.Root);

        Assert.Equal(["billing", "orders"], workspace.RepoNames);
        Assert.Equal(Path.Combine(_workspace.Root, ".mesh", "mesh.db"), workspace.DatabasePath);
    }

    [Fact]
    public void A_folder_that_is_itself_a_repo_is_one_of_the_repos()
    {
        var repo = _workspace.AddRepo("solo");

        var workspace = Workspace.Load(repo.Path);

        Assert.Equal(["solo"], workspace.RepoNames);
    }

    [Fact]
    public void Mesh_json_lists_repos_with_relative_or_absolute_paths_refs_and_excludes()
    {
        _workspace.AddRepo("svc-orders");
        using var elsewhere = new TempDirectory();
        var outside = TempRepo.Init(elsewhere.Path, "billing");
        _workspace.WriteConfig(
            new { name = "orders", path = "svc-orders", @ref = "main", exclude = new[] { "docs/**" } },
            new { path = outside.Path });

        var workspace = Workspace.Load(_workspace.Root, "custom.db");

        Assert.Equal(["billing", "orders"], workspace.RepoNames);
        var orders = workspace.Repo("orders");
        Assert.Equal(Path.Combine(_workspace.Root, "svc-orders"), orders.Path);
        Assert.Equal("main", orders.Ref);
        Assert.Equal(["docs/**"], orders.Exclude);
        Assert.Equal(outside.Path, workspace.Repo("billing").Path);
        Assert.Equal(Path.Combine(_workspace.Root, "custom.db"), workspace.DatabasePath);
    }

    [Fact]
    public void A_mesh_json_entry_that_is_not_a_git_repo_is_a_clear_error()
    {
        _workspace.WriteConfig(new { name = "ghost", path = "nowhere" });

        var error = Assert.Throws<MeshException>(() => Workspace.Load(_workspace.Root));

        Assert.Contains("repo 'ghost'", error.Message);
        Assert.Contains("not a git repository", error.Message);
    }

    [Fact]
    public void Malformed_mesh_json_says_what_is_expected()
    {
        File.WriteAllText(Path.Combine(_workspace.Root, "mesh.json"), "{ \"repos\": [ { \"name\": ");

        var error = Assert.Throws<MeshException>(() => Workspace.Load(_workspace.Root));

        Assert.Contains("mesh.json is not valid", error.Message);
        Assert.Contains("\"repos\"", error.Message);
    }

    [Fact]
    public void Duplicate_repo_names_are_refused()
    {
        _workspace.AddRepo("a");
        _workspace.AddRepo("b");
        _workspace.WriteConfig(new { name = "x", path = "a" }, new { name = "x", path = "b" });

        Assert.Contains("two repos are named 'x'", Assert.Throws<MeshException>(() => Workspace.Load(_workspace.Root)).Message);
    }

    [Fact]
    public void An_unknown_repo_name_suggests_the_closest_and_lists_the_known()
    {
        _workspace.AddRepo("orders");
        _workspace.AddRepo("billing");

        var error = Assert.Throws<UnknownRepoException>(() => Workspace.Load(_workspace.Root).Repo("ordrs"));

        Assert.Equal("unknown repo 'ordrs' (did you mean 'orders'?); known: billing, orders", error.Message);
    }

    [Fact]
    public void A_missing_workspace_folder_is_a_clear_error()
    {
        var error = Assert.Throws<MeshException>(() => Workspace.Load(Path.Combine(_workspace.Root, "missing")));

        Assert.Contains("does not exist", error.Message);
    }
}
