using Mesh.Engine.Indexing;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Indexing;

public sealed class PublishedStoreTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private static IReadOnlyList<string> Paths(WorkspaceIndex index) =>
        index.Store.Endpoints(new EndpointQuery(Limit: 100)).Items.Select(r => $"{r.Endpoint.Method} {r.Endpoint.Path}").ToList();

    [Fact]
    public async Task An_index_run_waits_for_an_answer_in_progress_and_the_answer_sees_one_index()
    {
        var orders = _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml);
        orders.Commit();
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        var before = Paths(index);
        var blob = index.Store.BlobOf("orders", "api/openapi.yaml");
        orders.Write("api/openapi.yaml", Specs.OrdersYaml.Replace("/orders/{id}:", "/orders/{id}/lines:", StringComparison.Ordinal)).Commit();

        // The scope belongs to the thread that took it, so the answer runs on one thread start to end.
        var (run, landed, during, blobDuring) = await Task.Factory.StartNew(() => AnswerWhileIndexing(index), TaskCreationOptions.LongRunning);

        Assert.False(landed, "the index run landed while an answer was being read");
        Assert.Equal(before, during);
        Assert.Equal(blob, blobDuring);
        var report = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, report.Failed);
        Assert.Contains("GET /orders/{id}/lines", Paths(index));
        Assert.NotEqual(blob, index.Store.BlobOf("orders", "api/openapi.yaml"));
    }

    private static (Task<IndexReport> Run, bool Landed, IReadOnlyList<string> Paths, string? Blob) AnswerWhileIndexing(WorkspaceIndex index)
    {
        using var reading = index.Reading();
        var run = Task.Run(() => index.IndexAsync(new IndexRequest()));
        // Far longer than this run takes when nothing holds it back; with the scope held it cannot publish.
        var landed = SpinWait.SpinUntil(() => run.IsCompleted, TimeSpan.FromSeconds(3));
        return (run, landed, Paths(index), index.Store.BlobOf("orders", "api/openapi.yaml"));
    }

    [Fact]
    public async Task A_read_scope_disposed_twice_releases_once()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        var index = _workspace.OpenIndex();
        var scope = index.Reading();
        scope.Dispose();
        scope.Dispose();

        await index.IndexAsync(new IndexRequest()).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEmpty(Paths(index));
    }
}
