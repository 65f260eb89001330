using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Storage;

/// <summary>
/// The store cannot be read or written (read-only, locked by another writer, disk full, damaged): a problem of the
/// whole index, not of one repo, so indexing stops instead of recording it against every repo in turn.
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : MeshException(message, inner)
{
    /// <summary>
    /// True for failures of the file rather than of the data being written (a constraint, a bad value): those stop
    /// the whole index; the others cost one repo.
    /// </summary>
    internal static bool IsStoreWide(SqliteException e) => (e.SqliteErrorCode & 0xFF) is 3 or 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26;

    /// <summary>One sentence naming what is wrong with the index file and what to do about it.</summary>
    internal static StoreException From(SqliteException e, string path, TimeSpan busyTimeout) => (e.SqliteErrorCode & 0xFF) switch
    {
        // SQLite primary result codes: https://sqlite.org/rescode.html
        5 or 6 => new($"the index at {path} stayed locked by another Mesh process for {busyTimeout.TotalSeconds:0.#} s; run again when its indexing is done", e),
        8 => new($"the index at {path} is read-only; give Mesh write access to the file and its folder, or pass --db with a writable path", e),
        13 => new($"the disk holding the index at {path} is full; free some space, or pass --db with a path on another disk", e),
        11 or 26 => new($"the index at {path} is damaged or not a Mesh index ({Reason(e)}); delete it and run 'mesh index' to rebuild it", e),
        14 => new($"cannot open the index at {path}; check that its folder exists and is writable, or pass --db with a writable path", e),
        _ => new($"the index at {path} cannot be used ({Reason(e)}); check the file and its folder, or pass --db with another path", e),
    };

    private static string Reason(SqliteException e) => e.Message.TrimEnd('.');
}
