namespace Mesh.Engine.Storage;

/// <summary>
/// The store's schema, as ordered migrations. Version N is reached by running scripts 1..N, each once, in a
/// transaction. SQL stays portable (no SQLite-only syntax) so a PostgreSQL store can share it, except where a script says so.
/// </summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE facts (
            blob_id TEXT NOT NULL, extractor TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (blob_id, extractor, version));
        CREATE TABLE repos (
            name TEXT PRIMARY KEY, location TEXT NOT NULL, ref TEXT NOT NULL, revision TEXT NOT NULL,
            signature TEXT NOT NULL, indexed_at TEXT NOT NULL, files_seen INTEGER NOT NULL,
            files_relevant INTEGER NOT NULL, files_skipped INTEGER NOT NULL, endpoints INTEGER NOT NULL,
            call_sites INTEGER NOT NULL, diagnostics INTEGER NOT NULL);
        CREATE TABLE repo_files (
            repo TEXT NOT NULL, path TEXT NOT NULL, extractor TEXT NOT NULL, blob_id TEXT NOT NULL,
            PRIMARY KEY (repo, path, extractor));
        CREATE TABLE skipped_files (
            repo TEXT NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (repo, path));
        CREATE TABLE endpoints (
            id TEXT PRIMARY KEY, repo TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, path_key TEXT NOT NULL,
            source TEXT NOT NULL, framework TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
            operation_id TEXT, deprecated INTEGER NOT NULL, route TEXT NOT NULL, kind TEXT, data TEXT NOT NULL);
        CREATE INDEX endpoints_by_repo ON endpoints (repo, path_key, method);
        CREATE INDEX endpoints_by_key ON endpoints (path_key, method);
        CREATE TABLE schemas (
            repo TEXT NOT NULL, file TEXT NOT NULL, name TEXT NOT NULL, source TEXT NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (repo, file, name));
        CREATE TABLE call_sites (
            id TEXT PRIMARY KEY, repo TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, method TEXT,
            url TEXT NOT NULL, path_key TEXT, client TEXT NOT NULL, is_test INTEGER NOT NULL, base_hint TEXT, unresolved TEXT, data TEXT NOT NULL);
        CREATE INDEX call_sites_by_repo ON call_sites (repo, file, line);
        CREATE TABLE links (
            call_site TEXT NOT NULL, endpoint TEXT NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL, via TEXT,
            PRIMARY KEY (call_site, endpoint));
        CREATE INDEX links_by_endpoint ON links (endpoint);
        CREATE TABLE unresolved (call_site TEXT PRIMARY KEY, reason TEXT NOT NULL, tail TEXT);
        CREATE INDEX unresolved_by_tail ON unresolved (tail);
        CREATE TABLE config_values (
            repo TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL);
        CREATE INDEX config_values_by_repo ON config_values (repo);
        CREATE TABLE proxy_routes (
            repo TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, name TEXT NOT NULL, match_path TEXT NOT NULL,
            destination TEXT NOT NULL, destination_path TEXT, remove_prefix TEXT);
        CREATE INDEX proxy_routes_by_repo ON proxy_routes (repo);
        CREATE TABLE services (
            repo TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, name TEXT NOT NULL, project TEXT NOT NULL);
        CREATE INDEX services_by_repo ON services (repo);
        CREATE TABLE diagnostics (
            repo TEXT NOT NULL, file TEXT NOT NULL, extractor TEXT NOT NULL, line INTEGER NOT NULL,
            severity TEXT NOT NULL, message TEXT NOT NULL);
        CREATE INDEX diagnostics_by_repo ON diagnostics (repo, file);
        """,
        // 2: incremental linking (what the stored links were computed from), operation ids of generated clients' calls,
        // and links by the gateway route or spec operation they go through.
        """
        ALTER TABLE call_sites ADD COLUMN operation_id TEXT;
        CREATE INDEX links_by_via ON links (via) WHERE via IS NOT NULL;
        CREATE TABLE link_state (call_site TEXT PRIMARY KEY, digest INTEGER NOT NULL, decided_by TEXT NOT NULL);
        CREATE TABLE link_lookups (lookup TEXT PRIMARY KEY, answer INTEGER NOT NULL, repo TEXT);
        CREATE TABLE link_pending (repo TEXT PRIMARY KEY);
        CREATE TABLE linked_endpoints (
            id TEXT PRIMARY KEY, repo TEXT NOT NULL, method TEXT NOT NULL, route TEXT NOT NULL, framework TEXT NOT NULL,
            source TEXT NOT NULL, kind TEXT, document TEXT, operation_id TEXT);
        """,
        // 3: endpoints by any three characters of their path, so list_apis' substring filter reads a few rows instead of
        // all of them. SQLite only (FTS5); the triggers keep it in step with every write of endpoints, in the same transaction.
        // It points at endpoints' rowids, which VACUUM may renumber: rebuild it after one (INSERT ... VALUES ('rebuild')).
        """
        CREATE VIRTUAL TABLE endpoint_paths USING fts5 (path, content = 'endpoints', tokenize = 'trigram');
        CREATE TRIGGER endpoint_paths_insert AFTER INSERT ON endpoints BEGIN
            INSERT INTO endpoint_paths (rowid, path) VALUES (new.rowid, new.path);
        END;
        CREATE TRIGGER endpoint_paths_delete AFTER DELETE ON endpoints BEGIN
            INSERT INTO endpoint_paths (endpoint_paths, rowid, path) VALUES ('delete', old.rowid, old.path);
        END;
        CREATE TRIGGER endpoint_paths_update AFTER UPDATE OF path ON endpoints BEGIN
            INSERT INTO endpoint_paths (endpoint_paths, rowid, path) VALUES ('delete', old.rowid, old.path);
            INSERT INTO endpoint_paths (rowid, path) VALUES (new.rowid, new.path);
        END;
        INSERT INTO endpoint_paths (endpoint_paths) VALUES ('rebuild');
        """,
        // 4: the store's repo writes keep endpoint_paths in step, a repo's paths in one statement: the per-row triggers
        // made FTS5 take ~65 µs an endpoint, most of a cold index's write time. The update trigger stays (nothing updates paths).
        """
        DROP TRIGGER endpoint_paths_insert;
        DROP TRIGGER endpoint_paths_delete;
        """,
    ];

    public static int Latest => Migrations.Count;
}
