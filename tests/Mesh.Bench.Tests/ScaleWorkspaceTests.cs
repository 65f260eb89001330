using Mesh.Bench.Scale;
using Mesh.Engine.Indexing;
using Mesh.Testing;

namespace Mesh.Bench.Tests;

/// <summary>The scale benchmark's workspace: reproducible, and what it declares is what Mesh finds in it.</summary>
public sealed class ScaleWorkspaceTests
{
    private static readonly ScaleOptions Small = new(Repos: 6, Seed: 3, LinesPerRepo: 400);

    [Fact]
    public void The_same_seed_writes_the_same_commit_ids_and_another_seed_does_not()
    {
        using var first = new TempDirectory("mesh-scale");
        using var second = new TempDirectory("mesh-scale");
        using var other = new TempDirectory("mesh-scale");

        var a = ScaleWorkspace.Write(first.Path, Small);
        var b = ScaleWorkspace.Write(second.Path, Small);
        var c = ScaleWorkspace.Write(other.Path, Small with { Seed = 4 });

        Assert.Equal(a.Repos.Select(r => r.Commit), b.Repos.Select(r => r.Commit));
        Assert.Equal(a.Links, b.Links);
        Assert.Equal(a.Links, ScaleWorkspace.Plan(first.Path, Small).Links);
        Assert.Equal(a.Lines, ScaleWorkspace.Plan(first.Path, Small).Lines);
        Assert.Equal(File.ReadAllText(Path.Combine(first.Path, "mesh.json")), File.ReadAllText(Path.Combine(second.Path, "mesh.json")));
        Assert.NotEqual(a.Repos.Select(r => r.Commit), c.Repos.Select(r => r.Commit));
        Assert.Equal(ScaleWorkspace.Change(a, 0.05, 9).ReposCommitted, ScaleWorkspace.Change(b, 0.05, 9).ReposCommitted);
        Assert.Equal(Heads(first.Path, a), Heads(second.Path, b));
    }

    [Fact]
    public void Repos_take_turns_in_three_languages_and_reach_their_line_budget()
    {
        using var root = new TempDirectory("mesh-scale");

        var workspace = ScaleWorkspace.Write(root.Path, Small);

        Assert.Equal([Language.CSharp, Language.Python, Language.TypeScript, Language.CSharp, Language.Python, Language.TypeScript], workspace.Repos.Select(r => r.Language));
        Assert.All(workspace.Repos, r => Assert.InRange(r.Lines, Small.LinesPerRepo, Small.LinesPerRepo * 3));
        Assert.All(workspace.Repos, r => Assert.Equal(ScaleWorkspace.Lines(string.Concat(r.Files.Select(f => File.ReadAllText(Path.Combine(root.Path, r.Name, f))))), r.Lines));
        Assert.Equal(Small.Repos * Small.TargetsPerRepo * 3, workspace.Links.Count);
        Assert.All(workspace.Links, l => Assert.False(l.Endpoint.StartsWith(l.Repo + ":", StringComparison.Ordinal), $"{l.Repo} calls itself"));
    }

    [Fact]
    public async Task Indexing_the_workspace_finds_every_declared_link_and_each_repos_api()
    {
        using var root = new TempDirectory("mesh-scale");
        var workspace = ScaleWorkspace.Write(root.Path, Small);

        var index = WorkspaceIndex.Open(root.Path);
        var report = await index.IndexAsync(new IndexRequest());

        Assert.Equal(0, report.Failed);
        var graph = index.Store.Graph();
        var calls = graph.CallSites.ToDictionary(c => c.Id);
        var found = graph.Links.Select(l => $"{calls[l.CallSite].Repo} {calls[l.CallSite].File}:{calls[l.CallSite].Line} → {l.Endpoint}").ToHashSet();
        var missing = workspace.Links.Select(l => $"{l.Repo} {l.File}:{l.Line} → {l.Endpoint}").Where(l => !found.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "declared but not linked: " + string.Join("; ", missing));
        var endpoints = graph.Endpoints.Select(e => e.Id).ToHashSet();
        foreach (var repo in workspace.Repos)
            foreach (var (method, route) in ServiceCode.Routes(repo.Name, 0))
                Assert.Contains(ServiceCode.EndpointId(new Target(repo.Name, repo.Language), method, route), endpoints);
    }

    [Fact]
    public async Task The_one_percent_change_commits_in_the_repos_it_touches_and_moves_one_api()
    {
        using var root = new TempDirectory("mesh-scale");
        var workspace = ScaleWorkspace.Write(root.Path, Small);
        var index = WorkspaceIndex.Open(root.Path);
        await index.IndexAsync(new IndexRequest());

        var change = ScaleWorkspace.Change(workspace, 0.05, seed: 11);
        var report = await index.IndexAsync(new IndexRequest());

        Assert.Equal(["orders0000"], change.ApiChangedRepos);
        Assert.Equal(Math.Max(1, (int)Math.Round(workspace.Files * 0.05)), change.FilesChanged);
        Assert.Equal(change.ReposCommitted.Order(), report.Repos.Where(r => r.Status == RepoIndexStatus.Indexed).Select(r => r.Repo).Order());
        Assert.Equal(change.FilesChanged, report.FilesParsed);
        var api = index.Store.Graph().Endpoints.Where(e => e.Repo == "orders0000" && e.Id.Contains("/orders0000/items", StringComparison.Ordinal)).Select(e => e.Id).Order();
        Assert.Equal(ServiceCode.Routes("orders0000", 1).Select(r => ServiceCode.EndpointId(new Target("orders0000", Language.CSharp), r.Method, r.Path)).Order(), api);
        var graph = index.Store.Graph();
        var calls = graph.CallSites.ToDictionary(c => c.Id);
        var found = graph.Links.Select(l => $"{calls[l.CallSite].Repo} {calls[l.CallSite].File}:{calls[l.CallSite].Line} → {l.Endpoint}").ToHashSet();
        var after = ScaleWorkspace.LinksAfter(workspace, change);
        Assert.True(after.Count < workspace.Links.Count, "a consumer of the moved list route exists in this workspace");
        var missing = after.Select(l => $"{l.Repo} {l.File}:{l.Line} → {l.Endpoint}").Where(l => !found.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "declared but not linked after the change: " + string.Join("; ", missing));
    }

    private static List<string> Heads(string root, GeneratedWorkspace workspace) =>
        workspace.Repos.Select(r =>
        {
            using var git = new LibGit2Sharp.Repository(Path.Combine(root, r.Name));
            return git.Head.Tip.Sha;
        }).ToList();
}
