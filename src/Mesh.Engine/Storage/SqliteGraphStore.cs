using System.Globalization;
using System.Text.Json;
using Dapper;
using Mesh.Engine.Extraction;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Storage;

/// <summary>
/// The graph cache in one SQLite file (WAL): many readers in many processes, one writer at a time, each repo
/// written in one transaction. A connection per operation (pooled), so one instance serves concurrent callers.
/// </summary>
public sealed class SqliteGraphStore : IGraphStore
{
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly WalCheckpointer _checkpoints;

    /// <summary>How long a writer waits for another process's write to finish before giving up.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    public string Path { get; }

    /// <summary>Tables holding one repo's index, replaced together.</summary>
    private static readonly string[] RepoTables =
        ["repo_files", "skipped_files", "endpoints", "schemas", "call_sites", "diagnostics", "config_values", "proxy_routes", "services"];

    private SqliteGraphStore(string path, TimeSpan busyTimeout)
    {
        Path = path;
        _busyTimeout = busyTimeout;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        _connectionString = connectionString.ToString();
        // Checkpoints run behind the writes and may outlive the store's file (a deleted workspace): they never create one.
        connectionString.Mode = SqliteOpenMode.ReadWrite;
        var existing = connectionString.ToString();
        _checkpoints = new WalCheckpointer(() => Connect(existing));
    }

    /// <summary>Opens (creating and migrating when needed) the store at <paramref name="path"/>.</summary>
    /// <param name="busyTimeout">How long a write waits for another process's write (default <see cref="DefaultBusyTimeout"/>).</param>
    public static SqliteGraphStore Open(string path, TimeSpan? busyTimeout = null)
    {
        path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeshException($"cannot create the index folder for {path}: {e.Message}");
        }
        var store = new SqliteGraphStore(path, busyTimeout ?? DefaultBusyTimeout);
        store.Migrate();
        return store;
    }

    private SqliteConnection Connect() => Connect(_connectionString);

    private SqliteConnection Connect(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;");
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw StoreException.From(e, Path, _busyTimeout);
        }
        return connection;
    }

    /// <summary>
    /// Runs a query of several statements on one snapshot (a read transaction), so they agree with each other while
    /// another connection or process writes. Begun in SQL, so commands need no transaction object.
    /// </summary>
    private T ReadSnapshot<T>(Func<SqliteConnection, T> read)
    {
        using var connection = Connect();
        connection.Execute("BEGIN DEFERRED");
        try
        {
            return read(connection);
        }
        finally
        {
            try
            {
                connection.Execute("ROLLBACK");
            }
            catch (SqliteException)
            {
                // The transaction is already gone (the read failed with it); the pool resets the connection.
            }
        }
    }

    /// <summary>Runs a write, turning SQLite's failures (read-only, locked, disk full) into one clear <see cref="StoreException"/>.</summary>
    private T Write<T>(Func<T> write)
    {
        try
        {
            var written = write();
            _checkpoints.Request();
            return written;
        }
        catch (SqliteException e) when (StoreException.IsStoreWide(e))
        {
            throw StoreException.From(e, Path, _busyTimeout);
        }
    }

    private void Write(Action write) => Write(() => { write(); return 0; });

    private void Migrate()
    {
        using var connection = Connect();
        try
        {
            connection.Execute("PRAGMA journal_mode = WAL;");
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)", transaction: transaction);
            var current = connection.ExecuteScalar<string?>("SELECT value FROM meta WHERE key = 'schema_version'", transaction: transaction);
            var version = current is null ? 0 : int.Parse(current, CultureInfo.InvariantCulture);
            if (version > SqliteSchema.Latest)
                throw new MeshException($"the index at {Path} has schema version {version}, newer than this Mesh understands ({SqliteSchema.Latest}); upgrade Mesh or use another --db");
            for (var next = version; next < SqliteSchema.Latest; next++)
                connection.Execute(SqliteSchema.Migrations[next], transaction: transaction);
            if (version != SqliteSchema.Latest)
                connection.Execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    new { v = SqliteSchema.Latest.ToString(CultureInfo.InvariantCulture) }, transaction);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw StoreException.From(e, Path, _busyTimeout);
        }
    }

    /// <summary>Waits at most this long for readers when the WAL is emptied after a run of writes (they hold its pages).</summary>
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(2);

    public Task SettleAsync() => _checkpoints.SettleAsync(SettleWait);

    public int SchemaVersion()
    {
        using var connection = Connect();
        return int.Parse(connection.ExecuteScalar<string>("SELECT value FROM meta WHERE key = 'schema_version'")!, CultureInfo.InvariantCulture);
    }

    public IFactReader OpenFactReader() => new FactReader(Connect());

    /// <summary>One connection and one prepared statement for a whole run of lookups.</summary>
    private sealed class FactReader : IFactReader
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _blob, _extractor, _version;

        public FactReader(SqliteConnection connection)
        {
            _connection = connection;
            _command = connection.CreateCommand();
            _command.CommandText = "SELECT data FROM facts WHERE blob_id = $blob AND extractor = $extractor AND version = $version";
            _blob = _command.Parameters.Add("$blob", SqliteType.Text);
            _extractor = _command.Parameters.Add("$extractor", SqliteType.Text);
            _version = _command.Parameters.Add("$version", SqliteType.Integer);
            _command.Prepare();
        }

        public FileFacts? Find(string blobId, string extractor, int version)
        {
            _blob.Value = blobId;
            _extractor.Value = extractor;
            _version.Value = version;
            return _command.ExecuteScalar() is string data ? JsonSerializer.Deserialize<FileFacts>(data, MeshJson.Storage) : null;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }

    public void SaveFacts(IReadOnlyList<IndexedFile> files) => Write(() => SaveFactsCore(files));

    private void SaveFactsCore(IReadOnlyList<IndexedFile> files)
    {
        if (!files.Any(f => f.Parsed)) return;
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        InsertFacts(connection, files, transaction);
        transaction.Commit();
    }

    private static void InsertFacts(SqliteConnection connection, IReadOnlyList<IndexedFile> files, SqliteTransaction transaction, IReadOnlyList<string>? encoded = null)
    {
        var parsed = files.Where(f => f.Parsed).ToList();
        using var insert = new Batch(connection, transaction, "INSERT INTO facts (blob_id, extractor, version, data) VALUES ($0, $1, $2, $3) ON CONFLICT DO NOTHING");
        for (var i = 0; i < parsed.Count; i++)
        {
            var file = parsed[i];
            insert.Run(file.BlobId, file.Extractor, file.ExtractorVersion, encoded?[i] ?? Serialize(file.Facts));
        }
    }

    /// <summary>A repo index's JSON columns, serialized ahead of its write: parsed files' facts, endpoints, schemas and call sites, in their order.</summary>
    /// <param name="Files">The files and surface encoded: an index copied with other ones (<c>with</c>) is encoded again.</param>
    private sealed record EncodedRows(IReadOnlyList<IndexedFile> Files, RepoSurface Surface,
        IReadOnlyList<string> Facts, IReadOnlyList<string> Endpoints, IReadOnlyList<string> Schemas, IReadOnlyList<string> CallSites)
    {
        public bool Encodes(RepoIndex index) => ReferenceEquals(Files, index.Files) && ReferenceEquals(Surface, index.Surface);
    }

    public RepoIndex Encode(RepoIndex index) => index with
    {
        Encoded = new EncodedRows(index.Files, index.Surface,
            index.Files.Where(f => f.Parsed).Select(f => Serialize(f.Facts)).ToList(),
            index.Surface.Endpoints.Select(e => Serialize(e.Fact)).ToList(),
            index.Surface.Schemas.Select(s => Serialize(s.Schema)).ToList(),
            index.Surface.CallSites.Select(c => Serialize(c.Fact)).ToList()),
    };

    public void SaveRepoIndex(RepoIndex index, CancellationToken cancellationToken = default) => Write(() => SaveRepoIndexCore(index, cancellationToken));

    private void SaveRepoIndexCore(RepoIndex index, CancellationToken cancellationToken)
    {
        var repo = index.Repo.Name;
        var surface = index.Surface;
        using var connection = Connect();
        var encoded = index.Encoded is EncodedRows rows && rows.Encodes(index) ? rows : (EncodedRows)Encode(index).Encoded!;
        using var transaction = connection.BeginTransaction(deferred: false);
        InsertFacts(connection, index.Files, transaction, encoded.Facts);
        cancellationToken.ThrowIfCancellationRequested();

        // Calls that keep their id keep their links until the relink that follows replaces them, so queries between
        // this write and that relink still find them; only the links of calls that are gone go now.
        var kept = surface.CallSites.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var gone = connection.Query<string>("SELECT id FROM call_sites WHERE repo = @repo", new { repo }, transaction).Where(id => !kept.Contains(id)).ToList();
        using (var delete = new Batch(connection, transaction, "DELETE FROM links WHERE call_site = $0", "DELETE FROM unresolved WHERE call_site = $0"))
            foreach (var id in gone) delete.Run(id);
        connection.Execute("DELETE FROM link_state WHERE call_site IN (SELECT id FROM call_sites WHERE repo = @repo)", new { repo }, transaction);
        connection.Execute("INSERT INTO link_pending (repo) VALUES (@repo) ON CONFLICT DO NOTHING", new { repo }, transaction);
        NextGeneration(connection, transaction);
        DeleteRepoRows(connection, transaction, repo);
        // Prepared statements with their parameters bound in place: Dapper's per-row parameter objects were a third of the write.
        using (var insert = new Batch(connection, transaction, "INSERT INTO config_values (repo, file, line, key, value) VALUES ($0, $1, $2, $3, $4)"))
            foreach (var c in surface.ConfigValues) insert.Run(repo, c.File, c.Fact.Line, c.Fact.Key, c.Fact.Value);
        using (var insert = new Batch(connection, transaction,
            "INSERT INTO proxy_routes (repo, file, line, name, match_path, destination, destination_path, remove_prefix) VALUES ($0, $1, $2, $3, $4, $5, $6, $7)"))
            foreach (var r in surface.ProxyRoutes) insert.Run(repo, r.File, r.Fact.Line, r.Fact.Name, r.Fact.MatchPath, r.Fact.Destination, r.Fact.DestinationPath, r.Fact.RemovePrefix);
        using (var insert = new Batch(connection, transaction, "INSERT INTO services (repo, file, line, name, project) VALUES ($0, $1, $2, $3, $4)"))
            foreach (var d in surface.Services) insert.Run(repo, d.File, d.Fact.Line, d.Fact.Name, d.Fact.Project);
        using (var insert = new Batch(connection, transaction, "INSERT INTO repo_files (repo, path, extractor, blob_id) VALUES ($0, $1, $2, $3)"))
            foreach (var f in index.Files) insert.Run(repo, f.Path, f.Extractor, f.BlobId);
        using (var insert = new Batch(connection, transaction, "INSERT INTO skipped_files (repo, path, reason) VALUES ($0, $1, $2) ON CONFLICT DO NOTHING"))
            foreach (var skipped in index.Skipped) insert.Run(repo, skipped.Path, skipped.Reason);
        cancellationToken.ThrowIfCancellationRequested();
        using (var insert = new Batch(connection, transaction,
            """
            INSERT INTO endpoints (id, repo, method, path, path_key, source, framework, file, line, operation_id, deprecated, route, kind, data)
            VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """))
            for (var i = 0; i < surface.Endpoints.Count; i++)
            {
                var e = surface.Endpoints[i];
                insert.Run(e.Id, e.Repo, e.Method, e.Path, e.PathKey, e.Fact.Source, e.Fact.Framework, e.File, e.Line, e.Fact.OperationId,
                    e.Fact.Deprecated ? 1 : 0, RoutePath.Join(e.Fact.BasePath ?? "", e.Fact.Path), e.Fact.Kind, encoded.Endpoints[i]);
            }
        // The repo's endpoint paths into the trigram index in one statement (a per-row trigger cost ten times as much).
        connection.Execute("INSERT INTO endpoint_paths (rowid, path) SELECT rowid, path FROM endpoints WHERE repo = @repo", new { repo }, transaction);
        using (var insert = new Batch(connection, transaction, "INSERT INTO schemas (repo, file, name, source, data) VALUES ($0, $1, $2, $3, $4)"))
            for (var i = 0; i < surface.Schemas.Count; i++)
            {
                var schema = surface.Schemas[i];
                insert.Run(repo, schema.File, schema.Name, schema.Source, encoded.Schemas[i]);
            }
        using (var insert = new Batch(connection, transaction,
            """
            INSERT INTO call_sites (id, repo, file, line, method, url, path_key, client, is_test, base_hint, unresolved, operation_id, data)
            VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """))
            for (var i = 0; i < surface.CallSites.Count; i++)
            {
                var c = surface.CallSites[i];
                insert.Run(c.Id, c.Repo, c.File, c.Line, c.Fact.Method, c.Fact.Url, c.PathKey, c.Fact.Client,
                    c.IsTest ? 1 : 0, c.Fact.BaseHint, c.Fact.Unresolved, c.Fact.OperationId, encoded.CallSites[i]);
            }
        using (var insert = new Batch(connection, transaction, "INSERT INTO diagnostics (repo, file, extractor, line, severity, message) VALUES ($0, $1, $2, $3, $4, $5)"))
            foreach (var d in surface.Diagnostics)
                insert.Run(d.Repo, d.File, d.Extractor, d.Diagnostic.Line, d.Diagnostic.Severity.ToString().ToLowerInvariant(), d.Diagnostic.Message);
        connection.Execute(
            """
            INSERT INTO repos (name, location, ref, revision, signature, indexed_at, files_seen, files_relevant, files_skipped, endpoints, call_sites, diagnostics)
            VALUES (@Name, @Location, @Ref, @Revision, @Signature, @IndexedAt, @FilesSeen, @FilesRelevant, @FilesSkipped, @Endpoints, @CallSites, @Diagnostics)
            ON CONFLICT (name) DO UPDATE SET location = excluded.location, ref = excluded.ref, revision = excluded.revision,
              signature = excluded.signature, indexed_at = excluded.indexed_at, files_seen = excluded.files_seen,
              files_relevant = excluded.files_relevant, files_skipped = excluded.files_skipped, endpoints = excluded.endpoints,
              call_sites = excluded.call_sites, diagnostics = excluded.diagnostics
            """,
            new
            {
                Name = repo, Location = index.Repo.Path, Ref = index.Repo.RefOrHead, index.Revision, index.Signature,
                IndexedAt = index.IndexedAt.ToString("O", CultureInfo.InvariantCulture), index.FilesSeen,
                FilesRelevant = index.Files.Select(f => f.Path).Distinct().Count(), FilesSkipped = index.Skipped.Count,
                Endpoints = surface.Endpoints.Count, CallSites = surface.CallSites.Count, Diagnostics = surface.Diagnostics.Count,
            }, transaction);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
    }

    public void RemoveReposExcept(IReadOnlyCollection<string> keep) => Write(() => RemoveReposExceptCore(keep));

    /// <summary>
    /// Deletes one repo's index rows (not its links), and its endpoints' paths from the trigram index first: that index
    /// is kept by the store's writes, a repo at a time, not by per-row triggers.
    /// </summary>
    private static void DeleteRepoRows(SqliteConnection connection, SqliteTransaction transaction, string repo)
    {
        connection.Execute(
            "INSERT INTO endpoint_paths (endpoint_paths, rowid, path) SELECT 'delete', rowid, path FROM endpoints WHERE repo = @repo",
            new { repo }, transaction);
        foreach (var table in RepoTables)
            connection.Execute($"DELETE FROM {table} WHERE repo = @repo", new { repo }, transaction);
    }

    private void RemoveReposExceptCore(IReadOnlyCollection<string> keep)
    {
        using var connection = Connect();
        var stale = connection.Query<string>("SELECT name FROM repos").Where(n => !keep.Contains(n)).ToList();
        if (stale.Count == 0) return;
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var repo in stale)
        {
            connection.Execute("DELETE FROM links WHERE call_site IN (SELECT id FROM call_sites WHERE repo = @repo)", new { repo }, transaction);
            connection.Execute("DELETE FROM unresolved WHERE call_site IN (SELECT id FROM call_sites WHERE repo = @repo)", new { repo }, transaction);
            connection.Execute("DELETE FROM link_state WHERE call_site IN (SELECT id FROM call_sites WHERE repo = @repo)", new { repo }, transaction);
            connection.Execute("DELETE FROM link_pending WHERE repo = @repo", new { repo }, transaction);
            DeleteRepoRows(connection, transaction, repo);
            connection.Execute("DELETE FROM repos WHERE name = @repo", new { repo }, transaction);
        }
        NextGeneration(connection, transaction);
        transaction.Commit();
    }

    /// <summary>Counts writes of repos, so a relink can tell that the repos it read changed before it wrote its links.</summary>
    private static void NextGeneration(SqliteConnection connection, SqliteTransaction transaction) =>
        connection.Execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)",
            transaction: transaction);

    private static long Generation(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        long.Parse(connection.ExecuteScalar<string?>("SELECT value FROM meta WHERE key = 'generation'", transaction: transaction) ?? "0", CultureInfo.InvariantCulture);

    public IReadOnlyList<RepoStatus> Repos()
    {
        using var connection = Connect();
        return Repos(connection);
    }

    private static List<RepoStatus> Repos(SqliteConnection connection) =>
        connection.Query<RepoRow>(
            """
            SELECT name, location, ref, revision, signature, indexed_at AS IndexedAt, files_seen AS FilesSeen,
                   files_relevant AS FilesRelevant, files_skipped AS FilesSkipped, endpoints, call_sites AS CallSites, diagnostics
            FROM repos ORDER BY name
            """).Select(r => r.ToStatus()).ToList();

    /// <summary>The trigram index answers only text of three characters or more (and FTS5 reads a NUL as the end of a query); other text scans every path.</summary>
    private const int TrigramLength = 3;

    public EndpointPage Endpoints(EndpointQuery query)
    {
        var where = new List<string>();
        if (query.Repo is not null) where.Add("e.repo = @Repo");
        if (query.Method is not null) where.Add("(e.method = @Method OR e.method = '*')");
        var text = query.PathText ?? "";
        // The trigram index folds case beyond ASCII, so it finds a superset of what LIKE (lower() is ASCII only) finds; LIKE decides.
        if (text.EnumerateRunes().Count() >= TrigramLength && !text.Contains('\0', StringComparison.Ordinal)) where.Add("e.rowid IN (SELECT rowid FROM endpoint_paths WHERE endpoint_paths MATCH @Phrase)");
        if (text.Length > 0) where.Add(@"lower(e.path) LIKE @Like ESCAPE '\'");
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var parameters = new
        {
            query.Repo,
            Method = query.Method?.ToUpperInvariant(),
            Like = "%" + EscapeLike(text.ToLowerInvariant()) + "%",
            Phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
            query.Offset,
            query.Limit,
        };
        return ReadSnapshot(connection =>
        {
            // COUNT(*) OVER () would read every row to count; without a filter an index counts and the page stops after its rows.
            var total = connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM endpoints e {filter}", parameters);
            // Consumers are counted for the page's rows only, not for every row the filter keeps.
            var rows = connection.Query<EndpointDbRow>(
                $"""
                SELECT e.id, e.repo, e.file, e.path_key AS PathKey, e.data,
                       (SELECT COUNT(*) FROM links l WHERE l.endpoint = e.id) + (SELECT COUNT(DISTINCT l.call_site) FROM links l WHERE l.via = e.id) AS consumers
                FROM (SELECT e.id FROM endpoints e {filter} ORDER BY e.repo, e.path_key, e.method, e.id LIMIT @Limit OFFSET @Offset) p
                JOIN endpoints e ON e.id = p.id
                ORDER BY e.repo, e.path_key, e.method, e.id
                """, parameters);
            return new EndpointPage(rows.Select(r => new EndpointRow(r.ToEndpoint(), (int)r.Consumers)).ToList(), total);
        });
    }

    public RepoSurface? Surface(string repo) => ReadSnapshot<RepoSurface?>(connection =>
    {
        if (connection.ExecuteScalar<int>("SELECT COUNT(*) FROM repos WHERE name = @repo", new { repo }) == 0) return null;
        var endpoints = connection.Query<EndpointDbRow>(
            "SELECT id, repo, file, path_key AS PathKey, data, 0 AS consumers FROM endpoints WHERE repo = @repo ORDER BY path_key, method, id",
            new { repo }).Select(r => r.ToEndpoint()).ToList();
        var schemas = connection.Query<(string File, string Name, string Source, string Data)>(
            "SELECT file, name, source, data FROM schemas WHERE repo = @repo ORDER BY file, name", new { repo })
            .Select(s => new NamedSchema(s.File, s.Name, Deserialize<ApiSchema>(s.Data), s.Source)).ToList();
        var callSites = CallSites(connection, "WHERE repo = @repo", new { repo });
        var diagnostics = connection.Query<(string File, string Extractor, long Line, string Severity, string Message)>(
            "SELECT file, extractor, line, severity, message FROM diagnostics WHERE repo = @repo ORDER BY file, line, message", new { repo })
            .Select(d => new FileDiagnostic(repo, d.File, d.Extractor,
                new Diagnostic(Enum.Parse<DiagnosticSeverity>(d.Severity, ignoreCase: true), d.Message, (int)d.Line)))
            .ToList();
        return new RepoSurface(repo, endpoints, callSites, schemas, diagnostics);
    });

    public GraphSnapshot Graph() => ReadSnapshot(connection =>
    {
        var endpoints = connection.Query<EndpointDbRow>(
            "SELECT id, repo, file, path_key AS PathKey, data, 0 AS consumers FROM endpoints ORDER BY repo, path_key, method, id")
            .Select(r => r.ToEndpoint()).ToList();
        var links = connection.Query<(string CallSite, string Endpoint, double Score, string Reason, string? Via)>(
            "SELECT call_site, endpoint, score, reason, via FROM links ORDER BY call_site, endpoint")
            .Select(l => new Link(l.CallSite, l.Endpoint, l.Score, l.Reason, l.Via)).ToList();
        var schemas = connection.Query<(string Repo, string File, string Name, string Source, string Data)>(
                "SELECT repo, file, name, source, data FROM schemas ORDER BY repo, file, name")
            .Select(s => new RepoSchema(s.Repo, new NamedSchema(s.File, s.Name, Deserialize<ApiSchema>(s.Data), s.Source))).ToList();
        return new GraphSnapshot(Repos(connection), endpoints, CallSites(connection, "", null), links, schemas);
    });

    public LinkInputs LoadLinkInputs() => ReadSnapshot(connection =>
    {
        // An OpenAPI operation's document is its file's blob: every copy of the same file is the same document.
        var endpoints = connection.Query<(string Id, string Repo, string Method, string Route, string Framework, string Source, string? Kind, string? Document, string? OperationId)>(
                """
                SELECT e.id, e.repo, e.method, e.route, e.framework, e.source, e.kind,
                       CASE WHEN e.source = 'openapi' THEN (SELECT f.blob_id FROM repo_files f WHERE f.repo = e.repo AND f.path = e.file LIMIT 1) END,
                       e.operation_id
                FROM endpoints e ORDER BY e.id
                """)
            .Select(e => new LinkEndpoint(e.Id, e.Repo, e.Method, e.Route, e.Framework, e.Source, e.Kind, e.Document, e.OperationId)).ToList();
        var config = connection.Query<(string Repo, string File, long Line, string Key, string Value)>("SELECT repo, file, line, key, value FROM config_values ORDER BY repo, file, line")
            .Select(c => new RepoFact<ConfigValueFact>(c.Repo, c.File, new ConfigValueFact(c.Key, c.Value, (int)c.Line))).ToList();
        var proxies = connection.Query<(string Repo, string File, long Line, string Name, string MatchPath, string Destination, string? DestinationPath, string? RemovePrefix)>(
                "SELECT repo, file, line, name, match_path, destination, destination_path, remove_prefix FROM proxy_routes ORDER BY repo, file, line")
            .Select(r => new RepoFact<ProxyRouteFact>(r.Repo, r.File, new ProxyRouteFact(r.Name, r.MatchPath, r.Destination, r.DestinationPath, r.RemovePrefix, (int)r.Line))).ToList();
        var services = connection.Query<(string Repo, string File, long Line, string Name, string Project)>("SELECT repo, file, line, name, project FROM services ORDER BY repo, file, line")
            .Select(d => new RepoFact<ServiceDeclarationFact>(d.Repo, d.File, new ServiceDeclarationFact(d.Name, d.Project, (int)d.Line))).ToList();
        var repos = connection.Query<string>("SELECT name FROM repos ORDER BY name").ToList();
        return new LinkInputs(endpoints, config, proxies, services, repos, RepoOfProject);
    });

    /// <summary>The repo holding a project folder (<c>Catalog.Api</c>, or <c>Catalog_Api</c> as Aspire names it).</summary>
    private string? RepoOfProject(string project)
    {
        using var connection = Connect();
        foreach (var name in new[] { project, project.Replace('_', '.') }.Distinct())
        {
            var repo = connection.ExecuteScalar<string?>(
                @"SELECT repo FROM repo_files WHERE '/' || path LIKE @pattern ESCAPE '\' ORDER BY repo LIMIT 1",
                new { pattern = "%/" + EscapeLike(name) + "/%" });
            if (repo is not null) return repo;
        }
        return null;
    }

    public LinkState LoadLinkState()
    {
        using var connection = Connect();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var generation = Generation(connection, snapshot);
        var lookups = new Dictionary<string, LookupAnswer>(StringComparer.Ordinal);
        using (var reader = connection.ExecuteReader("SELECT lookup, answer, repo FROM link_lookups", transaction: snapshot))
            while (reader.Read()) lookups[reader.GetString(0)] = new LookupAnswer(reader.GetInt64(1), Text(reader, 2));
        var endpoints = connection.Query<(string Id, string Repo, string Method, string Route, string Framework, string Source, string? Kind, string? Document, string? OperationId)>(
                "SELECT id, repo, method, route, framework, source, kind, document, operation_id FROM linked_endpoints ORDER BY id", transaction: snapshot)
            .Select(e => new LinkEndpoint(e.Id, e.Repo, e.Method, e.Route, e.Framework, e.Source, e.Kind, e.Document, e.OperationId)).ToList();
        var states = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM link_state", transaction: snapshot);
        return new LinkState(lookups.Count > 0 || endpoints.Count > 0 || states > 0, generation, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM call_sites", transaction: snapshot), states, endpoints, lookups);
    }

    private const string LinkCallColumns = "c.id, c.repo, c.method, c.url, c.base_hint, c.client, c.unresolved, c.operation_id";

    public IReadOnlyList<StoredCall> LinkCalls(CallSelection selection)
    {
        using var connection = Connect();
        var calls = new Dictionary<string, StoredCall>(StringComparer.Ordinal);
        void Read(string sql, object? parameters = null)
        {
            using var reader = connection.ExecuteReader(sql, parameters);
            while (reader.Read())
            {
                var call = new LinkCall(reader.GetString(0), reader.GetString(1), Text(reader, 2), reader.GetString(3), Text(reader, 4), reader.GetString(5), Text(reader, 6), Text(reader, 7));
                calls.TryAdd(call.Id, new StoredCall(call, reader.IsDBNull(8) ? null : reader.GetInt64(8)));
            }
        }
        if (selection.All)
        {
            // Every call is linked again: no digests needed, and the order comes from the primary key.
            var all = new List<StoredCall>();
            using var reader = connection.ExecuteReader($"SELECT {LinkCallColumns} FROM call_sites c ORDER BY c.id");
            while (reader.Read())
                all.Add(new StoredCall(new LinkCall(reader.GetString(0), reader.GetString(1), Text(reader, 2), reader.GetString(3), Text(reader, 4), reader.GetString(5), Text(reader, 6), Text(reader, 7)), null));
            return all;
        }
        else
        {
            if (selection.Unlinked)
            {
                // The calls of repos written since the last link; should any other call lack state, every call is checked.
                foreach (var repo in connection.Query<string>("SELECT repo FROM link_pending ORDER BY repo").ToList())
                    Read($"SELECT {LinkCallColumns}, NULL FROM call_sites c WHERE c.repo = @repo AND NOT EXISTS (SELECT 1 FROM link_state s WHERE s.call_site = c.id)", new { repo });
                if (calls.Count != connection.ExecuteScalar<int>("SELECT (SELECT COUNT(*) FROM call_sites) - (SELECT COUNT(*) FROM link_state)"))
                    Read($"SELECT {LinkCallColumns}, NULL FROM call_sites c WHERE NOT EXISTS (SELECT 1 FROM link_state s WHERE s.call_site = c.id)");
            }
            // One scan of the link state per few hundred keys: an index on it would cost more to keep than it saves here.
            foreach (var keys in selection.Lookups.Append(selection.Open ? CallLinkState.Open : null).OfType<string>().Chunk(500))
                Read($"SELECT {LinkCallColumns}, s.digest FROM link_state s JOIN call_sites c ON c.id = s.call_site WHERE s.decided_by IN @keys", new { keys });
        }
        return calls.Values.OrderBy(c => c.Call.Id, StringComparer.Ordinal).ToList();
    }

    private static string? Text(System.Data.IDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public LinkTotals? ApplyLinks(LinkUpdate update, string? configuration = null) => Write(() => ApplyLinksCore(update, configuration));

    public LinkTotals? CurrentLinks(string configuration)
    {
        using var connection = Connect();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var marker = connection.ExecuteScalar<string?>("SELECT value FROM meta WHERE key = 'linked'", transaction: snapshot);
        return marker == LinkMarker(Generation(connection, snapshot), configuration) ? Totals(connection, snapshot) : null;
    }

    /// <summary>What the stored links were made from: the repo writes they saw (the generation) and the link configuration.</summary>
    private static string LinkMarker(long generation, string configuration) => $"{generation.ToString(CultureInfo.InvariantCulture)} {configuration}";

    private static LinkTotals Totals(SqliteConnection connection, SqliteTransaction transaction)
    {
        var totals = connection.QuerySingle<(long CallSites, long Linked, long Links, long Unresolved)>(
            "SELECT (SELECT COUNT(*) FROM call_sites), (SELECT COUNT(DISTINCT call_site) FROM links), (SELECT COUNT(*) FROM links), (SELECT COUNT(*) FROM unresolved)",
            transaction: transaction);
        return new LinkTotals((int)totals.CallSites, (int)totals.Linked, (int)totals.Links, (int)totals.Unresolved);
    }

    private LinkTotals? ApplyLinksCore(LinkUpdate update, string? configuration)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Generation(connection, transaction) != update.Generation) return null;
        if (update.Full)
        {
            foreach (var table in new[] { "links", "unresolved", "link_state", "link_lookups", "link_pending", "linked_endpoints" })
                connection.Execute($"DELETE FROM {table}", transaction: transaction);
        }
        else
        {
            using var delete = new Batch(connection, transaction,
                "DELETE FROM links WHERE call_site = $0", "DELETE FROM unresolved WHERE call_site = $0", "DELETE FROM link_state WHERE call_site = $0");
            foreach (var id in update.Relinked) delete.Run(id);
            using var deleteLookup = new Batch(connection, transaction, "DELETE FROM link_lookups WHERE lookup = $0");
            foreach (var lookup in update.Lookups.Keys) deleteLookup.Run(lookup);
            using var deleteEndpoint = new Batch(connection, transaction, "DELETE FROM linked_endpoints WHERE id = $0");
            foreach (var id in update.EndpointsRemoved.Concat(update.EndpointsSaved.Select(e => e.Id))) deleteEndpoint.Run(id);
            // Every repo written since the last link had its calls read: no repo was written since (the generation says so).
            connection.Execute("DELETE FROM link_pending", transaction: transaction);
        }
        // Prepared statements: hundreds of thousands of rows on a large workspace.
        using (var insert = new Batch(connection, transaction, "INSERT INTO links (call_site, endpoint, score, reason, via) VALUES ($0, $1, $2, $3, $4)"))
            foreach (var link in update.Links) insert.Run(link.CallSite, link.Endpoint, link.Score, link.Reason, link.Via);
        using (var insert = new Batch(connection, transaction, "INSERT INTO unresolved (call_site, reason, tail) VALUES ($0, $1, $2)"))
            foreach (var call in update.Unresolved) insert.Run(call.CallSite, call.Reason, call.Tail);
        using (var insert = new Batch(connection, transaction, "INSERT INTO link_state (call_site, digest, decided_by) VALUES ($0, $1, $2)"))
            foreach (var state in update.States) insert.Run(state.CallSite, state.Digest, state.DecidedBy);
        using (var insert = new Batch(connection, transaction, "INSERT INTO link_lookups (lookup, answer, repo) VALUES ($0, $1, $2)"))
            foreach (var (lookup, answer) in update.Lookups.OrderBy(l => l.Key, StringComparer.Ordinal)) insert.Run(lookup, answer.Digest, answer.Repo);
        using (var insert = new Batch(connection, transaction,
            "INSERT INTO linked_endpoints (id, repo, method, route, framework, source, kind, document, operation_id) VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8)"))
            foreach (var e in update.EndpointsSaved) insert.Run(e.Id, e.Repo, e.Method, e.Route, e.Framework, e.Source, e.Kind, e.Document, e.OperationId);
        var totals = Totals(connection, transaction);
        if (configuration is null) connection.Execute("DELETE FROM meta WHERE key = 'linked'", transaction: transaction);
        else
            connection.Execute("INSERT INTO meta (key, value) VALUES ('linked', @marker) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                new { marker = LinkMarker(update.Generation, configuration) }, transaction);
        transaction.Commit();
        return totals;
    }

    /// <summary>Prepared statements run many times in one transaction; parameters <c>$0</c>, <c>$1</c>, ... in order.</summary>
    private sealed class Batch : IDisposable
    {
        private readonly List<SqliteCommand> _commands = [];

        public Batch(SqliteConnection connection, SqliteTransaction transaction, params string[] statements)
        {
            foreach (var statement in statements)
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                for (var i = 0; statement.Contains($"${i}", StringComparison.Ordinal); i++) command.Parameters.Add(new SqliteParameter($"${i}", DBNull.Value));
                command.Prepare();
                _commands.Add(command);
            }
        }

        public void Run(params object?[] values)
        {
            foreach (var command in _commands)
            {
                for (var i = 0; i < command.Parameters.Count; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            foreach (var command in _commands) command.Dispose();
        }
    }

    public Endpoint? FindEndpoint(string id)
    {
        using var connection = Connect();
        return connection.Query<EndpointDbRow>("SELECT id, repo, file, path_key AS PathKey, data, 0 AS consumers FROM endpoints WHERE id = @id", new { id })
            .Select(r => r.ToEndpoint()).FirstOrDefault();
    }

    public IReadOnlyList<Endpoint> EndpointsByKey(string? method, string pathKey, string? repo)
    {
        using var connection = Connect();
        return connection.Query<EndpointDbRow>(
                """
                SELECT id, repo, file, path_key AS PathKey, data, 0 AS consumers FROM endpoints
                WHERE lower(path_key) = lower(@pathKey) AND (@method IS NULL OR method = @method OR method = '*') AND (@repo IS NULL OR repo = @repo)
                ORDER BY repo, id
                """, new { pathKey, method, repo })
            .Select(r => r.ToEndpoint()).ToList();
    }

    /// <summary>
    /// The links that make a call a consumer of <c>@endpointId</c>: those to it, and for an OpenAPI operation that
    /// spec-mediated links go through, one link per call (to its first provider).
    /// </summary>
    private const string ConsumerLinks =
        "l.endpoint = @endpointId OR (l.via = @endpointId AND l.endpoint = (SELECT MIN(m.endpoint) FROM links m WHERE m.call_site = l.call_site AND m.via = @endpointId))";

    public ConsumerPage Consumers(string endpointId, int offset, int limit) => ReadSnapshot(connection =>
    {
        var total = connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM links l WHERE {ConsumerLinks}", new { endpointId });
        var rows = connection.Query<(string Id, string Repo, string File, string? PathKey, long IsTest, string Data, string Endpoint, double Score, string Reason, string? Via)>(
            $"""
            SELECT c.id, c.repo, c.file, c.path_key, c.is_test, c.data, l.endpoint, l.score, l.reason, l.via
            FROM links l JOIN call_sites c ON c.id = l.call_site
            WHERE {ConsumerLinks}
            ORDER BY l.score DESC, c.repo, c.file, c.line, c.id
            LIMIT @limit OFFSET @offset
            """, new { endpointId, limit, offset });
        return new ConsumerPage(rows.Select(r => new Consumer(
            new CallSite(r.Id, r.Repo, r.File, r.PathKey, r.IsTest != 0, Deserialize<CallSiteFact>(r.Data)),
            new Link(r.Id, r.Endpoint, r.Score, r.Reason, r.Via))).ToList(), total);
    });

    public IReadOnlyList<(CallSite CallSite, string Reason)> UnresolvedCalls(string? tail = null)
    {
        using var connection = Connect();
        return connection.Query<(string Id, string Repo, string File, string? PathKey, long IsTest, string Data, string Reason)>(
                $"SELECT c.id, c.repo, c.file, c.path_key, c.is_test, c.data, u.reason FROM unresolved u JOIN call_sites c ON c.id = u.call_site {(tail is null ? "" : "WHERE u.tail = @tail")} ORDER BY c.repo, c.file, c.line, c.id",
                new { tail })
            .Select(r => (new CallSite(r.Id, r.Repo, r.File, r.PathKey, r.IsTest != 0, Deserialize<CallSiteFact>(r.Data)), r.Reason)).ToList();
    }

    public UnresolvedMatches UnresolvedCalls(string tail, Func<string?, string, bool> fits, int examples) => ReadSnapshot(connection =>
    {
        // Thousands of calls can share a tail (every copy of a client in every repo): their method and URL decide, and
        // only the examples' stored facts are read and parsed.
        var matches = connection.Query<(string Id, string? Method, string Url, string Reason)>(
                "SELECT c.id, c.method, c.url, u.reason FROM unresolved u JOIN call_sites c ON c.id = u.call_site WHERE u.tail = @tail ORDER BY c.repo, c.file, c.line, c.id",
                new { tail })
            .Where(c => fits(c.Method, c.Url)).ToList();
        var first = matches.Take(examples).ToList();
        var sites = CallSites(connection, "WHERE id IN @ids", new { ids = first.Select(m => m.Id).ToList() }).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new UnresolvedMatches(matches.Select(m => m.Reason).ToList(), first.Select(m => (sites[m.Id], m.Reason)).ToList());
    });

    public string? BlobOf(string repo, string file)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<string?>("SELECT blob_id FROM repo_files WHERE repo = @repo AND path = @file LIMIT 1", new { repo, file });
    }

    public IReadOnlyList<CallSite> CallSites(IReadOnlyCollection<string> ids) => ReadSnapshot(connection =>
        ids.Distinct(StringComparer.Ordinal).Chunk(500).SelectMany(chunk => CallSites(connection, "WHERE id IN @ids", new { ids = chunk }))
            .OrderBy(c => c.Repo, StringComparer.Ordinal).ThenBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList());

    public RepoCalls CallsOf(string repo) => ReadSnapshot(connection =>
    {
        var linked = connection.Query<(string Id, string Repo, string File, string? PathKey, long IsTest, string Data, string EndpointId, double Score, string Reason, string? Via,
                string EndpointRepo, string EndpointFile, string EndpointPathKey, string EndpointData)>(
                """
                SELECT c.id, c.repo, c.file, c.path_key, c.is_test, c.data, l.endpoint, l.score, l.reason, l.via, e.repo, e.file, e.path_key, e.data
                FROM call_sites c JOIN links l ON l.call_site = c.id JOIN endpoints e ON e.id = l.endpoint
                WHERE c.repo = @repo
                ORDER BY c.file, c.line, c.id, l.score DESC, l.endpoint
                """, new { repo })
            .Select(r => new ProviderLink(
                new CallSite(r.Id, r.Repo, r.File, r.PathKey, r.IsTest != 0, Deserialize<CallSiteFact>(r.Data)),
                new Link(r.Id, r.EndpointId, r.Score, r.Reason, r.Via),
                new Endpoint(r.EndpointId, r.EndpointRepo, r.EndpointFile, r.EndpointPathKey, Deserialize<EndpointFact>(r.EndpointData)))).ToList();
        var unresolved = connection.Query<(string Id, string Repo, string File, string? PathKey, long IsTest, string Data, string Reason)>(
                """
                SELECT c.id, c.repo, c.file, c.path_key, c.is_test, c.data, u.reason
                FROM unresolved u JOIN call_sites c ON c.id = u.call_site
                WHERE c.repo = @repo
                ORDER BY c.file, c.line, c.id
                """, new { repo })
            .Select(r => (new CallSite(r.Id, r.Repo, r.File, r.PathKey, r.IsTest != 0, Deserialize<CallSiteFact>(r.Data)), r.Reason)).ToList();
        return new RepoCalls(linked, unresolved);
    });

    private static List<CallSite> CallSites(SqliteConnection connection, string filter, object? parameters) =>
        connection.Query<(string Id, string Repo, string File, string? PathKey, long IsTest, string Data)>(
                $"SELECT id, repo, file, path_key, is_test, data FROM call_sites {filter} ORDER BY repo, file, line, id", parameters)
            .Select(c => new CallSite(c.Id, c.Repo, c.File, c.PathKey, c.IsTest != 0, Deserialize<CallSiteFact>(c.Data)))
            .ToList();

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, MeshJson.Storage);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, MeshJson.Storage)!;

    private sealed class EndpointDbRow
    {
        public string Id { get; init; } = "";
        public string Repo { get; init; } = "";
        public string File { get; init; } = "";
        public string PathKey { get; init; } = "";
        public string Data { get; init; } = "";
        public long Consumers { get; init; }

        public Endpoint ToEndpoint() => new(Id, Repo, File, PathKey, Deserialize<EndpointFact>(Data));
    }

    private sealed class RepoRow
    {
        public string Name { get; init; } = "";
        public string Location { get; init; } = "";
        public string Ref { get; init; } = "";
        public string Revision { get; init; } = "";
        public string Signature { get; init; } = "";
        public string IndexedAt { get; init; } = "";
        public long FilesSeen { get; init; }
        public long FilesRelevant { get; init; }
        public long FilesSkipped { get; init; }
        public long Endpoints { get; init; }
        public long CallSites { get; init; }
        public long Diagnostics { get; init; }

        public RepoStatus ToStatus() => new(Name, Location, Ref, Revision, Signature,
            DateTimeOffset.Parse(IndexedAt, CultureInfo.InvariantCulture), (int)FilesSeen, (int)FilesRelevant,
            (int)FilesSkipped, (int)Endpoints, (int)CallSites, (int)Diagnostics);
    }
}
