using Mesh.Engine;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Storage;

public sealed class SqliteGraphStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private string DbPath => _directory.Combine("index", "mesh.db");

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Opening_creates_the_file_in_wal_mode_at_the_latest_schema_version()
    {
        var store = SqliteGraphStore.Open(DbPath);

        Assert.True(File.Exists(DbPath));
        Assert.Equal(SqliteSchema.Latest, store.SchemaVersion());
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void A_version_1_index_is_upgraded_in_place_and_keeps_its_links_until_the_first_relink()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        Sql("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta (key, value) VALUES ('schema_version', '1');");
        Sql(SqliteSchema.Migrations[0]);
        Sql("INSERT INTO call_sites (id, repo, file, line, method, url, path_key, client, is_test, base_hint, unresolved, data) " +
            "VALUES ('web:a.cs:1:1', 'web', 'a.cs', 1, 'GET', '/a', '/a', 'HttpClient', 0, NULL, NULL, '{\"client\":\"HttpClient\",\"method\":\"GET\",\"url\":\"/a\",\"line\":1}')");
        Sql("INSERT INTO links (call_site, endpoint, score, reason) VALUES ('web:a.cs:1:1', 'r:GET:/a', 0.85, 'path+method, unique in workspace')");

        var store = SqliteGraphStore.Open(DbPath);

        Assert.Equal(SqliteSchema.Latest, store.SchemaVersion());
        Assert.Equal("path+method, unique in workspace", Assert.Single(store.Graph().Links).Reason);
        var call = Assert.Single(store.LinkCalls(CallSelection.Everything));
        Assert.Equal((null as string, null as long?), (call.Call.OperationId, call.Digest));
        var state = store.LoadLinkState();
        Assert.False(state.Stored, "a store upgraded from version 1 has no link state: its first relink links everything");
        Assert.Equal((1, 0), (state.CallSites, state.LinkedCallSites));
    }

    [Fact]
    public void Links_planned_before_a_repo_was_written_are_refused()
    {
        var store = SqliteGraphStore.Open(DbPath);
        var state = store.LoadLinkState();
        var update = new LinkUpdate(state.Generation, true, "test", 0, [], [], [], [], new Dictionary<string, LookupAnswer>(), [], []);
        store.SaveRepoIndex(new RepoIndex(new RepoConfig("web", "/nowhere/web", null, []), new string('0', 40), "s", DateTimeOffset.UnixEpoch, 0, [], [],
            new RepoSurface("web", [], [], [], [])));

        Assert.Null(store.ApplyLinks(update));
        Assert.NotNull(store.ApplyLinks(update with { Generation = store.LoadLinkState().Generation }));
    }

    private static RepoIndex Orders(params string[] paths) =>
        new(new RepoConfig("orders", "/nowhere/orders", null, []), new string('0', 40), "s", DateTimeOffset.UnixEpoch, 0, [], [],
            new RepoSurface("orders", paths.Select((p, i) => new Endpoint($"orders:GET:{p}", "orders", "src/Api.cs", p,
                new EndpointFact { Method = "GET", Path = p, Source = EndpointSources.Code, Framework = "aspnetcore", Line = i + 1, Summary = $"summary of {p}" })).ToList(), [], [], []));

    [Fact]
    public void An_index_encoded_ahead_saves_what_it_holds_and_a_copy_with_another_surface_saves_its_own()
    {
        var store = SqliteGraphStore.Open(DbPath);
        var encoded = store.Encode(Orders("/a", "/b"));
        store.SaveRepoIndex(encoded);
        var first = store.Surface("orders")!.Endpoints.Select(e => $"{e.Path} {e.Fact.Summary}").ToList();

        // The copy keeps the first surface's encoding; saving it must write the new surface, not the stale rows.
        store.SaveRepoIndex(encoded with { Surface = Orders("/c").Surface });
        var second = store.Surface("orders")!.Endpoints.Select(e => $"{e.Path} {e.Fact.Summary}").ToList();

        Assert.Equal(["/a summary of /a", "/b summary of /b"], first);
        Assert.Equal(["/c summary of /c"], second);
    }

    private long FileLength(string suffix) => new FileInfo(DbPath + suffix) is { Exists: true } file ? file.Length : 0;

    /// <summary>
    /// A connection outside the pool, kept open so the WAL outlives other tests clearing every pool (SQLite deletes it when
    /// its last connection closes). It reads once: only a connection that has read holds the lock that keeps the WAL.
    /// </summary>
    private SqliteConnection Held()
    {
        var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM meta";
        read.ExecuteScalar();
        return connection;
    }

    [Fact]
    public async Task Writes_reach_the_database_file_beside_the_writer_and_settling_empties_the_log()
    {
        var store = SqliteGraphStore.Open(DbPath);
        using var held = Held();
        var empty = FileLength("");
        // Commits only append to the WAL (no automatic checkpoint in them): a checkpoint of its own copies the pages over.
        store.SaveRepoIndex(Orders(Enumerable.Range(0, 2000).Select(i => $"/orders/{i}/items/{{id}}").ToArray()));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (FileLength("") <= empty && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(FileLength("") > empty, $"the database file is still {FileLength("")} bytes: no checkpoint after the write");
        Assert.True(FileLength("-wal") > 0, "the write went through the WAL");

        await store.SettleAsync();

        Assert.Equal(0, FileLength("-wal"));
        Assert.Equal(2000, SqliteGraphStore.Open(DbPath).Surface("orders")!.Endpoints.Count);
    }

    [Fact]
    public async Task A_checkpoint_after_the_store_file_is_gone_does_not_create_it_again()
    {
        var store = SqliteGraphStore.Open(DbPath);
        store.SaveRepoIndex(Orders("/a"));
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DbPath)!, "mesh.db*")) File.Delete(file);

        await store.SettleAsync();

        Assert.False(File.Exists(DbPath), "the checkpoint after the last write created an empty store where the deleted one was");
    }

    [Fact]
    public async Task Settling_after_no_write_leaves_the_log_alone()
    {
        var store = SqliteGraphStore.Open(DbPath);
        using var held = Held();
        store.SaveRepoIndex(Orders("/a"));
        await store.SettleAsync();
        Sql("INSERT INTO meta (key, value) VALUES ('written', 'by another connection')");
        var log = FileLength("-wal");

        await store.SettleAsync();

        Assert.True(log > 0, "the other connection's write is in the WAL");
        Assert.Equal(log, FileLength("-wal"));
    }

    [Fact]
    public void Opening_twice_migrates_once_and_keeps_data()
    {
        SqliteGraphStore.Open(DbPath);
        Sql("INSERT INTO facts (blob_id, extractor, version, data) VALUES ('b', 'openapi', 1, '{\"endpoints\":[],\"call_sites\":[],\"schemas\":{\"schemas\":{}},\"diagnostics\":[]}')");

        using var facts = SqliteGraphStore.Open(DbPath).OpenFactReader();

        Assert.NotNull(facts.Find("b", "openapi", 1));
        Assert.Null(facts.Find("b", "openapi", 2));
    }

    [Fact]
    public void A_store_from_a_newer_mesh_is_refused_with_advice()
    {
        SqliteGraphStore.Open(DbPath);
        Sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'");

        var error = Assert.Throws<MeshException>(() => SqliteGraphStore.Open(DbPath));

        Assert.Contains("schema version 99", error.Message);
        Assert.Contains("upgrade Mesh", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_clear_error()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        File.WriteAllText(DbPath, "this is not sqlite, just text that happens to be long enough to have a header........");

        var error = Assert.Throws<StoreException>(() => SqliteGraphStore.Open(DbPath));

        Assert.Contains(DbPath, error.Message);
        Assert.Contains("delete it and run 'mesh index' to rebuild it", error.Message);
    }

    [Fact]
    public void Sql_metacharacters_in_filters_are_plain_text()
    {
        var store = SqliteGraphStore.Open(DbPath);

        var page = store.Endpoints(new EndpointQuery("x'; DROP TABLE endpoints; --", "GET", "%_\\'"));

        Assert.Empty(page.Items);
        Assert.Equal(0, store.Endpoints(new EndpointQuery()).Total);
    }

    [Fact]
    public void Readers_see_the_last_committed_index_while_a_writer_holds_its_transaction()
    {
        var store = SqliteGraphStore.Open(DbPath);
        Sql("INSERT INTO endpoints (id, repo, method, path, path_key, source, framework, file, line, deprecated, route, data) " +
            "VALUES ('r:GET:/a', 'r', 'GET', '/a', '/a', 'openapi', 'openapi-3.1', 'a.yaml', 1, 0, '/a', '{\"method\":\"GET\",\"path\":\"/a\",\"source\":\"openapi\",\"framework\":\"openapi-3.1\",\"line\":1}')");
        using var writer = new SqliteConnection($"Data Source={DbPath}");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var command = writer.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM endpoints";
            command.ExecuteNonQuery();
        }

        var page = store.Endpoints(new EndpointQuery());

        Assert.Equal("/a", Assert.Single(page.Items).Endpoint.Path);
        transaction.Commit();
        Assert.Empty(store.Endpoints(new EndpointQuery()).Items);
    }
}
