using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Mesh.Engine.Tests.Linking;

/// <summary>
/// After an index, only the calls a change can affect are linked again; the links must be exactly those of linking
/// everything. Generated workspaces change one repo at a time; real repos check each kind of change that moves links
/// in repos that did not change.
/// </summary>
public sealed class IncrementalLinkingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    /// <summary>Links and unresolved calls as stored, and as linking every call site of the store now gives them.</summary>
    private static void AssertSameAsFullLink(WorkspaceIndex index, string context)
    {
        var inputs = index.Store.LoadLinkInputs();
        var directory = new ServiceDirectory(inputs.Repos, index.Workspace.Services, inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
        var full = new Linker(inputs.Endpoints, directory, inputs.ProxyRoutes).Link(index.Store.LinkCalls(CallSelection.Everything).Select(c => c.Call));
        var stored = index.Store.Graph().Links.OrderBy(l => l.CallSite, StringComparer.Ordinal).ThenBy(l => l.Endpoint, StringComparer.Ordinal).ToList();
        var expected = full.Links.OrderBy(l => l.CallSite, StringComparer.Ordinal).ThenBy(l => l.Endpoint, StringComparer.Ordinal).ToList();
        var missing = expected.Except(stored).ToList();
        var extra = stored.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{context}: {missing.Count} links missing ({string.Join("; ", missing.Take(3))}), {extra.Count} stale ({string.Join("; ", extra.Take(3))})");
        Assert.Equal(full.Unresolved.Select(u => (u.CallSite, u.Reason)), index.Store.UnresolvedCalls().Select(u => (u.CallSite.Id, u.Reason)).OrderBy(u => u.Item1, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void After_any_one_repo_changes_the_incremental_links_equal_a_full_relink(int seed)
    {
        var index = WorkspaceIndex.Open(_workspace.Root);
        var world = new GeneratedWorkspace(new Random(seed), repos: 10);
        world.Generate();
        foreach (var name in world.Names) index.Store.SaveRepoIndex(world.Index(name));
        Assert.Equal("no links stored yet", index.Relink().FullReason);
        AssertSameAsFullLink(index, $"seed {seed}, first link");

        var incremental = 0;
        for (var step = 1; step <= 25; step++)
        {
            var (change, removed, written) = world.ChangeOne();
            if (removed is not null) index.Store.RemoveReposExcept(world.Names.ToList());
            if (written is not null) index.Store.SaveRepoIndex(world.Index(written));
            var report = index.Relink();
            output.WriteLine($"step {step}: {change}: {report.Relinked} of {report.CallSites} re-linked{(report.FullReason is { } why ? $" (full: {why})" : "")}");
            if (report.FullReason is null) incremental++;
            AssertSameAsFullLink(index, $"seed {seed}, step {step} ({change})");
        }
        Assert.True(incremental >= 15, $"only {incremental} of 25 changes were linked incrementally");
    }
}
