using Mesh.Engine.Extraction;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Indexing;

/// <summary>
/// A workspace and its store, as a front end (CLI, MCP server) holds them. Re-reads the workspace's repo list on
/// every index, so an edited mesh.json is picked up, and runs one index at a time in this process.
/// </summary>
public sealed class WorkspaceIndex
{
    private readonly string _root;
    private readonly string? _databasePath;
    private readonly SemaphoreSlim _indexing = new(1, 1);
    private readonly IReadOnlyList<IFileExtractor> _extractors;
    private readonly TimeProvider _clock;
    private readonly FactMemory? _memory;
    private Workspace _workspace;
    private readonly IGraphStore _store;
    private readonly PublishedStore _published;

    private WorkspaceIndex(string root, string? databasePath, Workspace workspace, IGraphStore store, IReadOnlyList<IFileExtractor> extractors, TimeProvider clock, bool keepFacts)
    {
        _memory = keepFacts ? new FactMemory() : null;
        _root = root;
        _databasePath = databasePath;
        _workspace = workspace;
        _store = store;
        _published = new PublishedStore(store);
        _extractors = extractors;
        _clock = clock;
    }

    /// <param name="keepFacts">
    /// Keep facts read or parsed in memory for later diffs and re-indexes (a long-lived process). A one-shot index gains
    /// nothing from it and would hold every parsed file's facts until it ends (a third of a large cold index's peak memory).
    /// </param>
    public static WorkspaceIndex Open(string root, string? databasePath = null, IReadOnlyList<IFileExtractor>? extractors = null, TimeProvider? clock = null,
        bool keepFacts = true)
    {
        var workspace = Workspace.Load(root, databasePath);
        var store = SqliteGraphStore.Open(workspace.DatabasePath);
        return new WorkspaceIndex(root, databasePath, workspace, store, extractors ?? Extractors.All, clock ?? TimeProvider.System, keepFacts);
    }

    public Workspace Workspace => Volatile.Read(ref _workspace);

    /// <summary>Raised after every completed index (and relink), so front ends can tell clients what changed.</summary>
    public event Action<IndexReport>? Indexed;

    /// <summary>The store as queries should read it: an index run in this process is seen whole or not at all.</summary>
    public IGraphStore Store => _published;

    /// <summary>Holds the index still for one answer of several reads (see <see cref="PublishedStore.Reading"/>); not across an await.</summary>
    public IDisposable Reading() => _published.Reading();

    /// <summary>True while an index (or relink) runs in this process.</summary>
    public bool IsIndexing => _indexing.CurrentCount == 0;

    /// <summary>Throws <see cref="UnknownRepoException"/> (with "did you mean") unless the workspace has this repo.</summary>
    public RepoConfig Repo(string name) => Workspace.Repo(name);

    /// <summary>True when some extractor reads this repo-relative path: a change elsewhere cannot change an API.</summary>
    public bool Reads(string path) => _extractors.Any(e => e.Accepts(path));

    /// <summary>The clock the host gave (sunset dates are checked against its day).</summary>
    public TimeProvider Clock => _clock;

    /// <summary>A repo's surface at a ref or in its working tree, parsed through the shared fact cache; the stored index is untouched.</summary>
    public RevisionSurface SurfaceAt(string repo, string? reference, bool workingTree, CancellationToken cancellationToken = default)
    {
        var config = Repo(repo);
        var indexer = new Indexer(Store, _extractors, _clock, _memory);
        if (workingTree) return indexer.SurfaceAt(config, reference, workingTree: true, cancellationToken);
        // A commit's surface never changes: resolve it once per process (the repo's config is part of the key).
        var sha = indexer.Revision(config, reference);
        var key = (config, sha);
        lock (_commitSurfaces)
            if (_commitSurfaces.TryGetValue(key, out var known)) return known with { FilesParsed = 0 };
        var surface = indexer.SurfaceAt(config, sha, workingTree: false, cancellationToken);
        lock (_commitSurfaces)
        {
            if (_commitSurfaces.Count >= MaxCommitSurfaces) _commitSurfaces.Clear();
            _commitSurfaces[key] = surface;
        }
        return surface;
    }

    private const int MaxCommitSurfaces = 32;
    private readonly Dictionary<(RepoConfig, string), RevisionSurface> _commitSurfaces = [];

    /// <summary>
    /// Links again the call sites whose links can have changed (any repo's change can change links anywhere: see
    /// <see cref="Linking.Relink"/>); all of them when <paramref name="full"/>.
    /// </summary>
    private LinkingReport Relink(IGraphStore store, Workspace workspace, bool full)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var configuration = LinkConfiguration(workspace);
        // Nothing written since the last link, same configuration: the stored links are the answer (a no-change re-index
        // of a large workspace would otherwise load every endpoint and call to relink none).
        if (!full && store.CurrentLinks(configuration) is { } current)
            return new LinkingReport(current.CallSites, current.Linked, current.Unresolved, current.Links, clock.Elapsed);
        // Another process may write repos meanwhile: the store refuses links planned from what it no longer holds.
        for (var attempt = 1; ; attempt++)
        {
            clock.Restart();
            var previous = store.LoadLinkState();
            var inputs = store.LoadLinkInputs();
            var load = clock.Elapsed;
            var directory = new Linking.ServiceDirectory(inputs.Repos, workspace.Services, inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
            var update = Linking.Relink.Plan(inputs.Endpoints, directory, inputs.ProxyRoutes, previous, store.LinkCalls, full ? "a forced index links everything" : null);
            var match = clock.Elapsed - load;
            if (store.ApplyLinks(update, configuration) is { } totals)
                return new LinkingReport(totals.CallSites, totals.Linked, totals.Unresolved, totals.Links, clock.Elapsed, update.Relinked.Count, update.FullReason,
                    new LinkStageTimes(load, match, clock.Elapsed - load - match), update.Examined);
            if (attempt == MaxLinkAttempts) throw new MeshException($"the index changed {MaxLinkAttempts} times while it was being linked; run 'mesh index' again when other indexing is done");
        }
    }

    private const int MaxLinkAttempts = 5;

    /// <summary>Everything links depend on besides the stored repos: mesh.json's services and this build of Mesh's linker.</summary>
    private static string LinkConfiguration(Workspace workspace)
    {
        var services = string.Join(";", workspace.Services.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => $"{s.Name}={s.Repo}:{string.Join(",", s.Aliases.Order(StringComparer.Ordinal))}"));
        var text = $"{typeof(Linking.Relink).Assembly.ManifestModule.ModuleVersionId:N}|{services}";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Links the workspace as it is stored, as an index does after writing repos (for tools that write the store themselves).</summary>
    public LinkingReport Relink(bool full = false)
    {
        _indexing.Wait();
        try
        {
            return Relink(_store, Workspace, full);
        }
        finally
        {
            _indexing.Release();
        }
    }

    public async Task<IndexReport> IndexAsync(IndexRequest request, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _indexing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var workspace = Workspace.Load(_root, _databasePath);
            Volatile.Write(ref _workspace, workspace);
            var indexed = await Task.Run(() =>
            {
                // One thread from the run's first write to its link commit: the gate it holds is thread-affine.
                using var run = _published.Writing();
                var indexer = new Indexer(run, _extractors, _clock, _memory);
                var report = indexer.Index(workspace, request, progress, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                var linked = report with { Linking = Relink(run, workspace, request.Force) };
                run.Publish();
                return linked;
            }, cancellationToken).ConfigureAwait(false);
            await _store.SettleAsync().ConfigureAwait(false);
            Indexed?.Invoke(indexed);
            return indexed;
        }
        finally
        {
            _indexing.Release();
        }
    }
}
