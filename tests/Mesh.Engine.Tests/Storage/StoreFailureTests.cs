using System.Diagnostics;
using Mesh.Engine.Extraction;
using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Storage;

/// <summary>What indexing does when the store itself fails: one clear error for the whole run, nothing half-written.</summary>
public sealed class StoreFailureTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Fact]
    public void A_writer_blocked_by_another_waits_its_busy_timeout_then_fails_with_one_clear_message()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        var store = SqliteGraphStore.Open(_workspace.DatabasePath, TimeSpan.FromMilliseconds(300));
        var indexer = new Indexer(store, Extractors.All, TimeProvider.System);
        using var other = new SqliteConnection($"Data Source={_workspace.DatabasePath};Pooling=False");
        other.Open();
        using var holding = other.BeginTransaction(deferred: false);

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<StoreException>(() => indexer.Index(Workspace.Load(_workspace.Root), new IndexRequest()));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Equal($"the index at {store.Path} stayed locked by another Mesh process for 0.3 s; run again when its indexing is done", error.Message);
        holding.Rollback();
        Assert.Empty(store.Repos());
    }

    [Fact]
    public async Task When_the_other_writer_finishes_within_the_timeout_the_index_goes_on()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        var store = SqliteGraphStore.Open(_workspace.DatabasePath, TimeSpan.FromSeconds(20));
        var indexer = new Indexer(store, Extractors.All, TimeProvider.System);
        var other = new SqliteConnection($"Data Source={_workspace.DatabasePath};Pooling=False");
        other.Open();
        var holding = other.BeginTransaction(deferred: false);
        var release = Task.Run(async () =>
        {
            await Task.Delay(500);
            holding.Rollback();
            holding.Dispose();
            other.Dispose();
        });

        var report = indexer.Index(Workspace.Load(_workspace.Root), new IndexRequest());
        await release;

        Assert.Equal(RepoIndexStatus.Indexed, Assert.Single(report.Repos).Status);
        Assert.Equal(3, store.Endpoints(new EndpointQuery("orders")).Total);
    }
}
