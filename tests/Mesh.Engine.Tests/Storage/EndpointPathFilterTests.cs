using System.Text;
using Mesh.Engine.Model;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Storage;

/// <summary>
/// list_apis' path filter reads a trigram index; its answers must be the ones a scan with
/// <c>lower(path) LIKE '%text%'</c> gives: same rows, same order, same totals.
/// </summary>
public sealed class EndpointPathFilterTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private string DbPath => _directory.Combine("index", "mesh.db");

    private static readonly string[] Paths =
    [
        "/orders/{id}", "/Orders/{orderId}/Items", "/ORDERS", "/api/v1/users_list", "/api/v1/usersXlist", "/api/v1/users%20x",
        @"/back\slash/{id}", "/café/Über", "/ÜBER/straße", "/日本語/パス", "/a_b", "/a%b", "/aXb", "/x{y}z", "/emoji/😀/ok",
        "/quote\"d", "/it's", "/items/{id}", "/ITEMS/{ID}", "/items", "/", "/v2/{tenant}/items/{itemId}/reviews", "/health",
    ];

    private static readonly string[] Queries =
    [
        "o", "or", "ord", "ORD", "Orders/{", "{", "{id}", "}", "%", "_", @"\", @"\s", "a_b", "a%b", "%b", "_b", "é", "É", "caf", "CAFÉ",
        "über", "Über", "ÜBER", "straße", "STRASSE", "日本", "日本語", "パス", "😀", "😀/o", "/😀/", "\"", "quote\"d", "\"d", "it's", "'s",
        "items/{id}", "ITEMS/{id}", "/", "//", "zzz", "tem", "s/{i", "users_", "users%", "%20", "-", " ", "{tenant}/items", "a\"b", "a\u0000b", "it\u0000",
    ];

    private SqliteGraphStore StoreWithPaths()
    {
        var store = SqliteGraphStore.Open(DbPath);
        foreach (var repo in new[] { "billing", "orders", "web" })
            store.SaveRepoIndex(Index(repo, Paths.SelectMany((path, i) => new[] { "GET", "POST", EndpointFact.AnyMethod }.Take(1 + i % 3).Select(m => (m, path)))));
        return store;
    }

    private static RepoIndex Index(string repo, IEnumerable<(string Method, string Path)> endpoints) =>
        new(new RepoConfig(repo, $"/nowhere/{repo}", null, []), new string('0', 40), "s", DateTimeOffset.UnixEpoch, 0, [], [],
            new RepoSurface(repo, endpoints.Select((e, i) => new Endpoint($"{repo}:{e.Method}:{e.Path}", repo, "src/Api.cs", e.Path.ToLowerInvariant(),
                new EndpointFact { Method = e.Method, Path = e.Path, Source = EndpointSources.Code, Framework = "aspnetcore", Line = i + 1 })).ToList(), [], [], []));

    /// <summary>The answer of the scan list_apis made before the index: ids in order, and the total.</summary>
    private (List<string> Ids, int Total) Scanned(EndpointQuery query)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Repo is not null) where.Add("repo = $repo");
        if (query.Method is not null) where.Add("(method = $method OR method = '*')");
        if (!string.IsNullOrEmpty(query.PathText)) where.Add(@"lower(path) LIKE $like ESCAPE '\'");
        command.CommandText = $"SELECT id FROM endpoints {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY repo, path_key, method, id";
        command.Parameters.AddWithValue("$repo", (object?)query.Repo ?? DBNull.Value);
        command.Parameters.AddWithValue("$method", (object?)query.Method?.ToUpperInvariant() ?? DBNull.Value);
        var escaped = (query.PathText ?? "").ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        command.Parameters.AddWithValue("$like", "%" + escaped + "%");
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return (ids.Skip(query.Offset).Take(query.Limit).ToList(), ids.Count);
    }

    private static void AssertSameAsScan((List<string> Ids, int Total) scanned, EndpointPage page, EndpointQuery query)
    {
        Assert.True(scanned.Total == page.Total, $"total for {query}: scan {scanned.Total}, index {page.Total}");
        Assert.True(scanned.Ids.SequenceEqual(page.Items.Select(r => r.Endpoint.Id)),
            $"rows for {query}:\n  scan  {string.Join(", ", scanned.Ids)}\n  index {string.Join(", ", page.Items.Select(r => r.Endpoint.Id))}");
    }

    /// <summary>Every substring of one to five characters (whole runes) of every path, and the hand-picked queries.</summary>
    private static IEnumerable<string> AllQueries()
    {
        foreach (var path in Paths)
        {
            var runes = path.EnumerateRunes().Select(r => r.ToString()).ToList();
            for (var start = 0; start < runes.Count; start++)
                for (var length = 1; length <= 5 && start + length <= runes.Count; length++)
                    yield return string.Concat(runes.Skip(start).Take(length));
        }
        foreach (var query in Queries) yield return query;
    }

    [Fact]
    public void The_path_filter_finds_what_a_case_insensitive_substring_scan_finds_in_the_same_order_with_the_same_total()
    {
        var store = StoreWithPaths();
        var queries = AllQueries().Distinct(StringComparer.Ordinal).ToList();

        foreach (var text in queries)
        foreach (var query in new[]
                 {
                     new EndpointQuery(PathText: text, Limit: 500),
                     new EndpointQuery(PathText: text, Limit: 3, Offset: 2),
                     new EndpointQuery(Repo: "orders", Method: "get", PathText: text, Limit: 500),
                 })
            AssertSameAsScan(Scanned(query), store.Endpoints(query), query);
        Assert.True(queries.Count > 300, $"only {queries.Count} queries");
    }

    [Fact]
    public void Pages_past_the_last_row_keep_the_total()
    {
        var store = StoreWithPaths();

        foreach (var query in new[] { new EndpointQuery(PathText: "items", Offset: 1000), new EndpointQuery(PathText: "it", Offset: 1000), new EndpointQuery(Offset: 1000) })
        {
            var page = store.Endpoints(query);
            Assert.Empty(page.Items);
            Assert.Equal(Scanned(query).Total, page.Total);
            Assert.True(page.Total > 0);
        }
    }

    [Fact]
    public void Text_longer_than_any_like_pattern_sqlite_takes_matches_nothing_instead_of_failing()
    {
        var store = StoreWithPaths();

        var page = store.Endpoints(new EndpointQuery(PathText: new string('x', 100_000)));

        Assert.Equal((0, 0), (page.Items.Count, page.Total));
    }

    [Fact]
    public void The_index_follows_every_write_of_endpoints_reindexed_and_removed_repos_included()
    {
        var store = StoreWithPaths();
        store.SaveRepoIndex(Index("orders", [("GET", "/invoices/{id}"), ("DELETE", "/Orders/{orderId}")]));
        store.RemoveReposExcept(["orders", "web"]);

        foreach (var text in new[] { "invoices", "orders", "Items", "ÜBER", "{id}" })
        {
            var query = new EndpointQuery(PathText: text, Limit: 500);
            AssertSameAsScan(Scanned(query), store.Endpoints(query), query);
        }
        Assert.Equal(["orders:GET:/invoices/{id}"], store.Endpoints(new EndpointQuery(PathText: "nvoice")).Items.Select(r => r.Endpoint.Id));
        AssertIndexIntact();
    }

    [Fact]
    public void A_version_2_index_is_upgraded_in_place_and_its_endpoints_are_found_by_path()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        using (var connection = new SqliteConnection($"Data Source={DbPath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta (key, value) VALUES ('schema_version', '2');");
            sql.Append(SqliteSchema.Migrations[0]).Append(SqliteSchema.Migrations[1]);
            foreach (var (id, path) in new[] { ("orders:GET:/orders/{}", "/Orders/{id}"), ("orders:GET:/health", "/health") })
                sql.Append($"INSERT INTO endpoints (id, repo, method, path, path_key, source, framework, file, line, deprecated, route, data) VALUES ('{id}', 'orders', 'GET', '{path}', '{path.ToLowerInvariant()}', 'code', 'aspnetcore', 'src/Api.cs', 1, 0, '{path}', '{{\"method\":\"GET\",\"path\":\"{path}\",\"source\":\"code\",\"framework\":\"aspnetcore\",\"line\":1}}');");
            command.CommandText = sql.ToString();
            command.ExecuteNonQuery();
        }

        var store = SqliteGraphStore.Open(DbPath);

        Assert.Equal(SqliteSchema.Latest, store.SchemaVersion());
        Assert.Equal(["orders:GET:/orders/{}"], store.Endpoints(new EndpointQuery(PathText: "ORDERS/{")).Items.Select(r => r.Endpoint.Id));
        Assert.Equal(1, store.Endpoints(new EndpointQuery(PathText: "ealt")).Total);
        AssertIndexIntact();
    }

    /// <summary>FTS5's own check that the trigram index holds exactly the paths of the endpoints table.</summary>
    private void AssertIndexIntact()
    {
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO endpoint_paths (endpoint_paths, rank) VALUES ('integrity-check', 1)";
        command.ExecuteNonQuery();
    }
}
