using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Queries;
using Mesh.Engine.Tests.Linking;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Queries;

/// <summary>
/// find_consumers' possible consumers (unresolved calls whose path fits the endpoint) read only the method and URL of the
/// calls sharing the endpoint's tail; the answer must be what testing every whole unresolved call of that tail gives.
/// </summary>
public sealed class PossibleConsumersTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    /// <summary>Every whole unresolved call of the tail, tested one by one: how find_consumers answered before.</summary>
    private static (int Count, List<(string Reason, int Count)> Reasons, List<(string Id, string Reason)> Examples) Tested(WorkspaceIndex index, Endpoint endpoint)
    {
        var route = CallUrl.SplitPath(RoutePath.Join(endpoint.Fact.BasePath ?? "", endpoint.Path));
        var tail = Linker.Tail(RoutePath.Join(endpoint.Fact.BasePath ?? "", endpoint.Path));
        var fits = tail is null ? [] : index.Store.UnresolvedCalls(tail).Where(u => ConsumerQuery.Fits(route, endpoint.Method, u.CallSite)).ToList();
        return (fits.Count,
            fits.GroupBy(f => f.Reason.Split(':')[0]).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList(),
            fits.Take(5).Select(f => (f.CallSite.Id, f.Reason)).ToList());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Possible_consumers_are_the_unresolved_calls_of_the_tail_that_fit_in_call_order(int seed)
    {
        var index = WorkspaceIndex.Open(_workspace.Root);
        var world = new GeneratedWorkspace(new Random(seed), repos: 40);
        world.Generate();
        foreach (var name in world.Names) index.Store.SaveRepoIndex(world.Index(name));
        index.Relink();

        var endpoints = index.Store.Graph().Endpoints;
        var withPossible = 0;
        foreach (var endpoint in endpoints)
        {
            var expected = Tested(index, endpoint);
            var possible = ConsumerQuery.Answer(index, endpoint, includeTests: true, 0, 10, excerpts: false).Possible;

            Assert.Equal(expected.Count, possible.Count);
            Assert.Equal(expected.Reasons, possible.Reasons);
            Assert.Equal(expected.Examples, possible.Examples.Select(e => (e.CallSite.Id, e.Reason)));
            foreach (var (site, _) in possible.Examples)
            {
                var whole = index.Store.UnresolvedCalls().Single(u => u.CallSite.Id == site.Id).CallSite;
                Assert.Equal((whole.Repo, whole.File, whole.Line, whole.IsTest, whole.Fact.Method, whole.Fact.Url, whole.Fact.Client),
                    (site.Repo, site.File, site.Line, site.IsTest, site.Fact.Method, site.Fact.Url, site.Fact.Client));
            }
            if (possible.Count > 0) withPossible++;
        }
        Assert.True(withPossible >= 3, $"only {withPossible} of {endpoints.Count} endpoints have possible consumers");
    }
}
