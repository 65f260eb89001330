using Mesh.Engine;
using Mesh.McpServer.GitHub;

namespace Mesh.McpServer.Tests;

public sealed class GitHubRepoListerTests
{
    private static GitHubRepoLister Lister(FakeGitHub github, TextWriter log, int pageSize = 2, int maxWaitSeconds = 60, string? token = null) =>
        new(GitHubApi.Client(token, new Uri(github.Url)), new Uri(github.Url), TimeSpan.FromSeconds(maxWaitSeconds), TimeProvider.System, log, pageSize);

    [Fact]
    public async Task Every_page_of_an_organization_is_listed_in_order()
    {
        await using var github = new FakeGitHub();
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) github.AddRepo("acme", name, $"/srv/{name}.git");

        var listing = await Lister(github, TextWriter.Null).ListAsync("acme");

        Assert.Equal(["a", "b", "c", "d", "e"], listing.Repos.Select(r => r.Name));
        Assert.Equal(3, listing.Pages);
        Assert.False(listing.IsUser);
        Assert.Equal(["?per_page=2&page=1", "?per_page=2&page=2", "?per_page=2&page=3"],
            github.Requests.Select(r => r.Query).Order(StringComparer.Ordinal));
        Assert.All(github.Requests, r => Assert.Equal("/orgs/acme/repos", r.Path));
    }

    [Fact]
    public async Task A_full_last_page_costs_one_empty_page_and_nothing_more()
    {
        await using var github = new FakeGitHub();
        foreach (var name in new[] { "a", "b", "c", "d" }) github.AddRepo("acme", name, $"/srv/{name}.git");

        var listing = await Lister(github, TextWriter.Null).ListAsync("acme");

        Assert.Equal(4, listing.Repos.Count);
        Assert.Equal(3, github.Requests.Count);
    }

    [Fact]
    public async Task A_user_account_is_listed_when_no_organization_has_the_name()
    {
        await using var github = new FakeGitHub();
        github.AddRepo("octocat", "hello", "/srv/hello.git", user: true);

        var listing = await Lister(github, TextWriter.Null).ListAsync("octocat");

        Assert.True(listing.IsUser);
        Assert.Equal(["hello"], listing.Repos.Select(r => r.Name));
        Assert.Equal(["/orgs/octocat/repos", "/users/octocat/repos"], github.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Archived_flag_fork_flag_and_topics_come_through()
    {
        await using var github = new FakeGitHub();
        github.AddRepo("acme", "old", "/srv/old.git", archived: true, topics: ["service", "legacy"]);
        github.AddRepo("acme", "copy", "/srv/copy.git", fork: true);

        var repos = (await Lister(github, TextWriter.Null).ListAsync("acme")).Repos;

        Assert.Equal(("old", "/srv/old.git", true, false), (repos[0].Name, repos[0].CloneUrl, repos[0].Archived, repos[0].Fork));
        Assert.Equal(["service", "legacy"], repos[0].Topics);
        Assert.True(repos[1].Fork);
        Assert.False(repos[1].Archived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_short_rate_limit_is_waited_out_then_the_same_page_is_asked_again(bool tooManyRequests)
    {
        await using var github = new FakeGitHub();
        foreach (var name in new[] { "a", "b", "c" }) github.AddRepo("acme", name, $"/srv/{name}.git");
        var log = new StringWriter();
        var lister = Lister(github, log);
        github.RateLimitNext(TimeSpan.FromSeconds(1), tooManyRequests);

        var listing = await lister.ListAsync("acme");

        Assert.Equal(3, listing.Repos.Count);
        Assert.Equal(["?per_page=2&page=1", "?per_page=2&page=1", "?per_page=2&page=2"], github.Requests.Select(r => r.Query));
        Assert.Contains("GitHub's API rate limit is used up; waiting", log.ToString());
    }

    [Fact]
    public async Task A_long_rate_limit_is_reported_with_its_reset_time_and_not_retried()
    {
        await using var github = new FakeGitHub();
        github.AddRepo("acme", "a", "/srv/a.git");
        github.RateLimitNext(TimeSpan.FromHours(1));
        var before = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<MeshException>(() => Lister(github, TextWriter.Null).ListAsync("acme"));

        Assert.Single(github.Requests);
        Assert.Contains("rate limit is used up until " + before.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd HH:", System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("longer than the 60 s Mesh waits (--max-wait)", error.Message);
        Assert.True(DateTimeOffset.UtcNow - before < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_token_is_sent_and_a_refused_one_is_reported()
    {
        await using var github = new FakeGitHub { RequiredToken = "right-token" };
        github.AddRepo("acme", "a", "/srv/a.git");

        var listed = await Lister(github, TextWriter.Null, token: "right-token").ListAsync("acme");
        var error = await Assert.ThrowsAsync<MeshException>(() => Lister(github, TextWriter.Null, token: "wrong-token").ListAsync("acme"));

        Assert.Single(listed.Repos);
        Assert.StartsWith("GitHub refused the token in GITHUB_TOKEN (401: Bad credentials)", error.Message);
    }
}
