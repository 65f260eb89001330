using System.Collections.Concurrent;
using Mesh.Engine.Sources;

namespace Mesh.Engine.Indexing;

/// <summary>
/// Keeps a long-lived session current: watches each repo's working tree and git HEAD/refs, and re-indexes a repo's
/// working tree once its files have been quiet for a moment (debounced, one index at a time). Git's object store,
/// dependency and build folders and Mesh's own index file are ignored, so indexing never triggers itself.
/// </summary>
public sealed class WorkspaceWatcher : IDisposable
{
    private static readonly string[] IgnoredFolders = ["node_modules", "bin", "obj", "dist", "build", ".next", ".venv", "__pycache__", ".mesh"];

    private readonly WorkspaceIndex _index;
    private readonly TimeSpan _quiet;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ConcurrentDictionary<string, Timer> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _database;

    /// <summary>Reports each re-index that the watcher ran (or its failure), for logs.</summary>
    public event Action<string, IndexReport?, Exception?>? Reindexed;

    public WorkspaceWatcher(WorkspaceIndex index, TimeSpan? quiet = null)
    {
        _index = index;
        _quiet = quiet ?? TimeSpan.FromMilliseconds(750);
        _database = Path.GetFullPath(index.Workspace.DatabasePath);
        foreach (var repo in index.Workspace.Repos)
        {
            if (!Directory.Exists(repo.Path)) continue;
            var watcher = new FileSystemWatcher(repo.Path) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            var name = repo.Name;
            var root = Path.GetFullPath(repo.Path);
            FileSystemEventHandler changed = (_, e) => OnChange(name, root, e.FullPath);
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, e) => OnChange(name, root, e.FullPath);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void OnChange(string repo, string root, string fullPath)
    {
        if (!Relevant(root, fullPath)) return;
        var timer = _pending.GetOrAdd(repo, r => new Timer(_ => _ = ReindexAsync(r), null, Timeout.Infinite, Timeout.Infinite));
        timer.Change(_quiet, Timeout.InfiniteTimeSpan);
    }

    private bool Relevant(string root, string fullPath)
    {
        var path = Path.GetFullPath(fullPath);
        if (path.StartsWith(_database, StringComparison.Ordinal)) return false;
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal)) return false;
        var segments = relative.Split('/');
        // Inside .git only HEAD and refs say the checkout moved; the rest is git's own churn.
        if (segments[0] == ".git") return segments.Length >= 2 && (segments[1] is "HEAD" || segments[1] == "refs");
        return !segments.Any(s => IgnoredFolders.Contains(s, StringComparer.Ordinal));
    }

    private async Task ReindexAsync(string repo)
    {
        if (_stop.IsCancellationRequested) return;
        try
        {
            var report = await _index.IndexAsync(new IndexRequest(repo, WorkingTree: true), cancellationToken: _stop.Token).ConfigureAwait(false);
            Reindexed?.Invoke(repo, report, null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            // A bad state of one repo (a half-written file, a repo moved away) must not end the session.
            Reindexed?.Invoke(repo, null, e);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var watcher in _watchers) watcher.Dispose();
        foreach (var timer in _pending.Values) timer.Dispose();
        _stop.Dispose();
    }
}
