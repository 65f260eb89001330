using Dapper;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Storage;

/// <summary>
/// Copies committed pages from the store's WAL into its database file on a thread of its own, so a write's commit only
/// appends to the WAL. SQLite's automatic checkpoint ran inside whichever commit crossed 1,000 pages, on the single
/// writer's thread (a sixth of a cold index's write time). At most one checkpoint runs at a time, at most one per
/// <see cref="Interval"/>; each is passive (it never waits for or blocks readers and the writer).
/// </summary>
internal sealed class WalCheckpointer(Func<SqliteConnection> connect)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private bool _running, _requested, _written;
    private Task _current = Task.CompletedTask;

    /// <summary>Asks for a checkpoint after a write: one starts now, or after the running one and its interval.</summary>
    public void Request()
    {
        lock (_gate)
        {
            _written = true;
            if (_running)
            {
                _requested = true;
                return;
            }
            _running = true;
            _current = Task.Run(RunAsync);
        }
    }

    /// <summary>Completes when no checkpoint is running or asked for.</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task current;
            lock (_gate)
            {
                if (!_running) return;
                current = _current;
            }
            await current.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a run of writes: waits for the background checkpoint, then copies the rest of the WAL and truncates it, so the
    /// next process to open the store need not read it back (nothing to do when nothing was written since). Waits at most
    /// <paramref name="readers"/> for readers in the way; if they stay, the WAL keeps what they hold.
    /// </summary>
    public async Task SettleAsync(TimeSpan readers)
    {
        lock (_gate)
        {
            if (!_written) return;
            _written = false;
        }
        await IdleAsync().ConfigureAwait(false);
        Checkpoint(connect, $"PRAGMA busy_timeout = {(long)readers.TotalMilliseconds}; PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private async Task RunAsync()
    {
        while (true)
        {
            Checkpoint(connect, "PRAGMA wal_checkpoint(PASSIVE)");
            lock (_gate)
            {
                if (!_requested)
                {
                    _running = false;
                    return;
                }
                _requested = false;
            }
            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }

    private static void Checkpoint(Func<SqliteConnection> connect, string pragma)
    {
        try
        {
            using var connection = connect();
            connection.Execute(pragma);
        }
        catch (Exception e) when (e is SqliteException or StoreException)
        {
            // The pages stay in the WAL, where readers find them; the next write asks again.
        }
    }
}
