using System.Text.Json;
using LibGit2Sharp;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.McpServer.Tests;

/// <summary><c>mesh add</c> against a fake GitHub whose clone URLs are bare repositories in a temp folder.</summary>
public sealed class AddCommandTests : IAsyncDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempDirectory _server = new("mesh-git");
    private readonly FakeGitHub _github = new();
    private readonly Dictionary<string, string?> _environment = [];
    private readonly Dictionary<string, TempRepo> _sources = [];

    public AddCommandTests() => _environment["GITHUB_API_URL"] = _github.Url;

    public async ValueTask DisposeAsync()
    {
        await _github.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
        _server.Dispose();
    }

    private string ConfigPath => Path.Combine(_workspace.Root, "mesh.json");

    /// <summary>A repo with one commit, served as a bare repository; returns the bare path (a clone URL).</summary>
    private string Serve(string name, string file = "README.md", string content = "# service\n")
    {
        var source = TempRepo.Init(_server.Combine("src"), name);
        source.Write(file, content).Commit("first");
        _sources[name] = source;
        return source.Publish(_server.Combine(name + ".git"));
    }

    private async Task<(int Code, string Out, string Err)> Mesh(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync([.. args, "--workspace", _workspace.Root], output, error, default, name => _environment.GetValueOrDefault(name));
        return (code, output.ToString(), error.ToString());
    }

    private List<(string Name, string Path)> ConfigRepos() =>
        JsonDocument.Parse(File.ReadAllText(ConfigPath)).RootElement.GetProperty("repos").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("path").GetString()!)).ToList();

    private string CloneHead(string name)
    {
        using var clone = new Repository(Path.Combine(_workspace.Root, ".mesh", "repos", name));
        return clone.Head.Tip.Sha;
    }

    private string SourceHead(string name)
    {
        using var source = new Repository(_sources[name].Path);
        return source.Head.Tip.Sha;
    }

    [Fact]
    public async Task Adding_an_organization_clones_its_active_repos_and_lists_them_in_mesh_json()
    {
        _github.AddRepo("acme", "orders", Serve("orders"));
        _github.AddRepo("acme", "billing", Serve("billing"));
        _github.AddRepo("acme", "old-portal", Serve("old-portal"), archived: true);
        _github.AddRepo("acme", "forked-lib", Serve("forked-lib"), fork: true);

        var (code, output, error) = await Mesh("add", "github:acme");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Listed 4 repositories of organization acme (1 page(s)); 2 taken, skipped 1 archived, 1 fork.", output);
        Assert.Contains($"  billing: cloned at {SourceHead("billing")[..10]} into .mesh/repos/billing", output);
        Assert.Contains("mesh.json: added 2 repo(s): billing, orders.", output);
        Assert.Equal([("billing", ".mesh/repos/billing"), ("orders", ".mesh/repos/orders")], ConfigRepos());
        Assert.Equal(SourceHead("orders"), CloneHead("orders"));
        Assert.True(File.Exists(Path.Combine(_workspace.Root, ".mesh", "repos", "orders", "README.md")));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, ".mesh", "repos", "old-portal")));
    }

    [Fact]
    public async Task Archived_repos_and_forks_are_taken_when_asked()
    {
        _github.AddRepo("acme", "old-portal", Serve("old-portal"), archived: true);
        _github.AddRepo("acme", "forked-lib", Serve("forked-lib"), fork: true);

        var (code, _, _) = await Mesh("add", "github:acme", "--archived", "--forks");

        Assert.Equal(0, code);
        Assert.Equal(["forked-lib", "old-portal"], ConfigRepos().Select(r => r.Name));
    }

    [Fact]
    public async Task Topic_include_and_exclude_choose_among_the_repos()
    {
        _github.AddRepo("acme", "orders-api", Serve("orders-api"), topics: ["service"]);
        _github.AddRepo("acme", "billing-api", Serve("billing-api"), topics: ["service", "payments"]);
        _github.AddRepo("acme", "audit-api", Serve("audit-api"), topics: ["service"]);
        _github.AddRepo("acme", "docs-api", Serve("docs-api"));
        _github.AddRepo("acme", "web", Serve("web"), topics: ["service"]);

        var (code, output, _) = await Mesh("add", "github:acme", "--topic", "Service", "--include", "*-API", "--exclude", "audit*");

        Assert.Equal(0, code);
        Assert.Contains("2 taken, skipped 3 filtered.", output);
        Assert.Equal(["billing-api", "orders-api"], ConfigRepos().Select(r => r.Name));
    }

    [Fact]
    public async Task Adding_again_fetches_new_commits_and_leaves_mesh_json_as_it_was()
    {
        _github.AddRepo("acme", "orders", Serve("orders"));
        await Mesh("add", "github:acme");
        var config = File.ReadAllBytes(ConfigPath);
        var before = CloneHead("orders");
        _sources["orders"].Write("api/openapi.yaml", Specs.OrdersYaml).Commit("add the spec");
        _sources["orders"].Publish(_server.Combine("orders.git"));

        var (code, output, _) = await Mesh("add", "github:acme");

        Assert.Equal(0, code);
        Assert.Contains($"  orders: fetched, {before[..10]} -> {SourceHead("orders")[..10]}", output);
        Assert.Contains("mesh.json: nothing new to add.", output);
        Assert.Equal(SourceHead("orders"), CloneHead("orders"));
        Assert.True(File.Exists(Path.Combine(_workspace.Root, ".mesh", "repos", "orders", "api", "openapi.yaml")));
        Assert.Equal(config, File.ReadAllBytes(ConfigPath));

        var (_, again, _) = await Mesh("add", "github:acme");
        Assert.Contains($"  orders: up to date at {SourceHead("orders")[..10]}", again);
    }

    [Fact]
    public async Task A_clone_over_http_is_shallow_and_stays_shallow_when_a_later_add_brings_new_commits()
    {
        await using var git = new GitHttpServer(_server.Path);
        Serve("orders");
        _sources["orders"].Write("api/openapi.yaml", Specs.OrdersYaml).Commit("second");
        _sources["orders"].Publish(_server.Combine("orders.git"));
        _github.AddRepo("acme", "orders", git.Url + "orders.git");

        var first = await Mesh("add", "github:acme");
        var clone = Path.Combine(_workspace.Root, ".mesh", "repos", "orders");
        using (var repo = new Repository(clone))
        {
            Assert.True(repo.Info.IsShallow);
            Assert.Single(repo.Commits);
        }
        _sources["orders"].Write("api/openapi.yaml", Specs.OrdersYaml + "\n").Commit("third");
        _sources["orders"].Publish(_server.Combine("orders.git"));
        var second = await Mesh("add", "github:acme");

        Assert.Equal(0, first.Code);
        Assert.True(second.Code == 0, second.Err);
        Assert.Contains("  orders: fetched, ", second.Out);
        Assert.Equal(SourceHead("orders"), CloneHead("orders"));
        using var fetched = new Repository(clone);
        Assert.True(fetched.Info.IsShallow);
        Assert.Equal(["third"], fetched.Commits.Select(c => c.MessageShort));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, ".mesh", "repos", ".orders.new")));

        var third = await Mesh("add", "github:acme");
        Assert.Contains($"  orders: up to date at {SourceHead("orders")[..10]}", third.Out);
    }

    [Fact]
    public async Task A_user_account_is_added_like_an_organization()
    {
        _github.AddRepo("octocat", "hello", Serve("hello"), user: true);

        var (code, output, _) = await Mesh("add", "github:octocat");

        Assert.Equal(0, code);
        Assert.Contains("Listed 1 repositories of user octocat", output);
        Assert.Equal([("hello", ".mesh/repos/hello")], ConfigRepos());
    }

    [Fact]
    public async Task After_adding_an_organization_mesh_index_indexes_its_repos()
    {
        _github.AddRepo("acme", "orders", Serve("orders", "api/openapi.yaml", Specs.OrdersYaml));
        _github.AddRepo("acme", "billing", Serve("billing", "docs/swagger.json", Specs.BillingJson));
        await Mesh("add", "github:acme");

        var (code, output, _) = await Mesh("index");

        Assert.Equal(0, code);
        Assert.Contains("Indexed 2 repo(s)", output);
        Assert.Contains("4 endpoint(s)", output);
        Assert.Contains($"  orders: indexed at {SourceHead("orders")[..10]}", output);
    }

    [Fact]
    public async Task A_repo_already_in_mesh_json_under_its_name_is_left_as_is()
    {
        _workspace.AddRepo("orders").Write("README.md", "mine").Commit();
        _workspace.WriteConfig(new { name = "orders", path = "orders", @ref = "main" });
        _github.AddRepo("acme", "orders", Serve("orders"));
        _github.AddRepo("acme", "billing", Serve("billing"));

        var (code, output, _) = await Mesh("add", "github:acme");

        Assert.Equal(0, code);
        Assert.Contains("  orders: already in mesh.json at orders; left as is", output);
        Assert.Equal([("billing", ".mesh/repos/billing"), ("orders", "orders")], ConfigRepos());
        Assert.Contains("\"ref\": \"main\"", File.ReadAllText(ConfigPath));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, ".mesh", "repos", "orders")));
    }

    [Fact]
    public async Task Without_mesh_json_the_repos_found_by_folder_stay_in_the_workspace()
    {
        _workspace.AddRepo("web").Write("README.md", "web").Commit();
        _github.AddRepo("acme", "orders", Serve("orders"));

        await Mesh("add", "github:acme");

        Assert.Equal([("orders", ".mesh/repos/orders"), ("web", "web")], ConfigRepos());
    }

    [Fact]
    public async Task A_git_url_is_cloned_under_its_name()
    {
        var url = new Uri(Serve("orders")).AbsoluteUri;

        var (code, output, error) = await Mesh("add", url);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("  orders: cloned at", output);
        Assert.Equal([("orders", ".mesh/repos/orders")], ConfigRepos());
        Assert.Equal(SourceHead("orders"), CloneHead("orders"));
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task A_folder_inside_the_workspace_is_stored_relative_and_one_outside_absolute()
    {
        var inside = _workspace.AddRepo("orders");
        inside.Write("README.md", "x").Commit();
        using var elsewhere = new TempDirectory("mesh-elsewhere");
        var outside = TempRepo.Init(elsewhere.Path, "billing");
        outside.Write("README.md", "y").Commit();
        _workspace.WriteConfig(new { name = "orders", path = "orders" });

        var first = await Mesh("add", outside.Path);
        var second = await Mesh("add", inside.Path);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Contains("  orders: already in mesh.json at orders", second.Out);
        Assert.Equal([("billing", outside.Path), ("orders", "orders")], ConfigRepos());
    }

    [Fact]
    public async Task A_folder_whose_name_is_taken_needs_another_name()
    {
        _workspace.AddRepo("orders").Write("README.md", "x").Commit();
        _workspace.WriteConfig(new { name = "orders", path = "orders" });
        using var elsewhere = new TempDirectory("mesh-elsewhere");
        var other = TempRepo.Init(elsewhere.Path, "orders");
        other.Write("README.md", "y").Commit();
        var config = File.ReadAllBytes(ConfigPath);

        var taken = await Mesh("add", other.Path);
        var renamed = await Mesh("add", other.Path, "--name", "orders-v2");

        Assert.Equal(2, taken.Code);
        Assert.Contains("a repo named 'orders' is already in mesh.json at orders; pass --name", taken.Err);
        Assert.Equal(0, renamed.Code);
        Assert.NotEqual(config, File.ReadAllBytes(ConfigPath));
        Assert.Equal([("orders", "orders"), ("orders-v2", other.Path)], ConfigRepos());
    }

    public static TheoryData<string, string> BadSources => new()
    {
        { "github:no-such-org", "has no organization or user 'no-such-org'" },
        { "github:acme/orders", "'github:acme/orders' does not name a GitHub organization or user" },
        { "ftp://example.com/acme/orders.git", "is not a git URL: it is neither an http(s), ssh, git or file URL" },
        { "https://github.com/", "is not a git URL: it names no repository" },
        { "no-such-folder", "'no-such-folder' is neither github:ORG, a git URL, nor an existing folder" },
    };

    [Theory]
    [MemberData(nameof(BadSources))]
    public async Task A_bad_source_exits_2_with_one_sentence_and_leaves_mesh_json_untouched(string source, string message)
    {
        _workspace.WriteConfig();
        var config = File.ReadAllBytes(ConfigPath);

        var (code, output, error) = await Mesh("add", source);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(config, File.ReadAllBytes(ConfigPath));
        Assert.DoesNotContain("mesh.json:", output);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_git_repository_is_refused()
    {
        var plain = Path.Combine(_workspace.Root, "notes");
        Directory.CreateDirectory(plain);

        var (code, _, error) = await Mesh("add", plain);

        Assert.Equal(2, code);
        Assert.Contains($"'{plain}' is not a git repository", error);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task A_clone_that_fails_leaves_mesh_json_and_the_clone_folder_alone()
    {
        _github.AddRepo("acme", "billing", Serve("billing"));
        _github.AddRepo("acme", "orders", _server.Combine("gone.git"));

        var (code, _, error) = await Mesh("add", "github:acme");

        Assert.Equal(2, code);
        Assert.Contains("could not clone " + _server.Combine("gone.git"), error);
        Assert.False(File.Exists(ConfigPath));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, ".mesh", "repos", "orders")));
    }

    [Fact]
    public async Task A_long_rate_limit_fails_the_add_with_the_reset_time()
    {
        _github.AddRepo("acme", "orders", Serve("orders"));
        _github.RateLimitNext(TimeSpan.FromMinutes(30));

        var (code, _, error) = await Mesh("add", "github:acme", "--max-wait", "5");

        Assert.Equal(2, code);
        Assert.Contains("GitHub's API rate limit is used up until ", error);
        Assert.Contains("longer than the 5 s Mesh waits (--max-wait)", error);
        Assert.Single(_github.Requests);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Help_lists_the_sources_filters_and_github_options()
    {
        var (code, output, _) = await Mesh("add", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "github:ORG", "--topic", "--include", "--exclude", "--forks", "--archived", "--name", "--github-api-url", "--max-wait" })
            Assert.Contains(option, output);
    }

    [Fact]
    public async Task The_token_goes_to_the_api_and_filters_need_an_organization()
    {
        _environment["GITHUB_TOKEN"] = "secret-123";
        _github.AddRepo("acme", "orders", Serve("orders"));

        await Mesh("add", "github:acme");
        var (code, _, error) = await Mesh("add", new Uri(_server.Combine("orders.git")).AbsoluteUri, "--topic", "service");

        Assert.All(_github.Requests, r => Assert.Contains("secret-123", r.Authorization));
        Assert.Equal(2, code);
        Assert.Contains("use them with github:ORG", error);
    }
}
