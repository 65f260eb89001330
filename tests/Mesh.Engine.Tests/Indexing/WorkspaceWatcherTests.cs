using Mesh.Engine.Indexing;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mesh.Engine.Tests.Indexing;

public sealed class WorkspaceWatcherTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Fact]
    public async Task An_edited_file_is_reindexed_from_the_working_tree_without_being_asked()
    {
        var orders = _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml);
        orders.Commit();
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        var reindexed = new TaskCompletionSource<IndexReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new WorkspaceWatcher(index, TimeSpan.FromMilliseconds(200));
        watcher.Reindexed += (repo, report, failure) =>
        {
            if (failure is not null) reindexed.TrySetException(failure);
            else if (repo == "orders") reindexed.TrySetResult(report!);
        };

        orders.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete);
        var report = await reindexed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("worktree", Assert.Single(report.Repos).Revision);
        Assert.Contains(index.Store.Endpoints(new EndpointQuery(Repo: "orders")).Items, r => r.Endpoint.Method == "DELETE");
    }

    [Fact]
    public async Task A_commit_is_reindexed_even_when_no_file_changes_with_it()
    {
        var orders = _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml);
        orders.Commit();
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        // The edit is on disk before the watcher starts, so the commit's writes under .git are all it can see.
        orders.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete);
        var reindexed = new TaskCompletionSource<IndexReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new WorkspaceWatcher(index, TimeSpan.FromMilliseconds(200));
        watcher.Reindexed += (repo, report, failure) =>
        {
            if (failure is not null) reindexed.TrySetException(failure);
            else if (repo == "orders") reindexed.TrySetResult(report!);
        };
        Assert.DoesNotContain(index.Store.Endpoints(new EndpointQuery(Repo: "orders")).Items, r => r.Endpoint.Method == "DELETE");

        orders.Commit("add DELETE /orders/{id}");
        var report = await reindexed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var repo = Assert.Single(report.Repos);
        Assert.Equal(RepoIndexStatus.Indexed, repo.Status);
        Assert.Equal("worktree", repo.Revision);
        Assert.Contains(index.Store.Endpoints(new EndpointQuery(Repo: "orders")).Items, r => r.Endpoint.Method == "DELETE");
    }
}
