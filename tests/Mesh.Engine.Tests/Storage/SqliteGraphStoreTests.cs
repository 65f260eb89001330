using Mesh.Engine;
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
        Assert.Equal(1, store.SchemaVersion());
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
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

        var error = Assert.Throws<MeshException>(() => SqliteGraphStore.Open(DbPath));

        Assert.Contains(DbPath, error.Message);
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
