using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Indexing;

/// <summary>
/// Shows this process's readers only whole index runs. An index writes each changed repo in its own transaction and
/// links afterwards; in between, a query would see a repo whose calls have no links yet. So from a run's first repo
/// write to its link commit, queries through this store wait (the run holds <see cref="Writing"/>); a run that changes
/// nothing writes nothing and blocks no one. Facts (content-addressed, immutable) are never gated. An answer made of
/// several reads holds <see cref="Reading"/> around all of them, so a run cannot land between two of its reads.
/// </summary>
public sealed class PublishedStore(IGraphStore store) : IGraphStore
{
    // Recursion: a reader may call another query from inside one (a delegate handed to a query).
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.SupportsRecursion);

    /// <summary>The store as the index run writes it: its first repo write closes the gate until <see cref="WriteRun.Publish"/>.</summary>
    public WriteRun Writing() => new(store, _gate);

    /// <summary>
    /// Holds the store still for one answer: every read inside sees the same index runs, and a run waits to publish until
    /// the scope ends. Dispose it on the thread that took it (the gate has thread affinity), so never across an await.
    /// </summary>
    public IDisposable Reading()
    {
        _gate.EnterReadLock();
        return new ReadScope(_gate);
    }

    private sealed class ReadScope(ReaderWriterLockSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.ExitReadLock();
        }
    }

    private T Read<T>(Func<IGraphStore, T> query)
    {
        _gate.EnterReadLock();
        try
        {
            return query(store);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public IFactReader OpenFactReader() => store.OpenFactReader();
    public void SaveFacts(IReadOnlyList<IndexedFile> files) => store.SaveFacts(files);

    public RepoIndex Encode(RepoIndex index) => store.Encode(index);

    public void SaveRepoIndex(RepoIndex index, CancellationToken cancellationToken = default)
    {
        using var run = Writing();
        run.SaveRepoIndex(index, cancellationToken);
        run.Publish();
    }

    public void RemoveReposExcept(IReadOnlyCollection<string> keep)
    {
        using var run = Writing();
        run.RemoveReposExcept(keep);
        run.Publish();
    }

    public LinkTotals? ApplyLinks(LinkUpdate update, string? configuration = null) => store.ApplyLinks(update, configuration);
    public LinkTotals? CurrentLinks(string configuration) => store.CurrentLinks(configuration);

    public IReadOnlyList<RepoStatus> Repos() => Read(s => s.Repos());
    public EndpointPage Endpoints(EndpointQuery query) => Read(s => s.Endpoints(query));
    public RepoSurface? Surface(string repo) => Read(s => s.Surface(repo));
    public GraphSnapshot Graph() => Read(s => s.Graph());
    public LinkInputs LoadLinkInputs() => Read(s => s.LoadLinkInputs());
    public LinkState LoadLinkState() => Read(s => s.LoadLinkState());
    public IReadOnlyList<StoredCall> LinkCalls(CallSelection selection) => Read(s => s.LinkCalls(selection));
    public Endpoint? FindEndpoint(string id) => Read(s => s.FindEndpoint(id));
    public IReadOnlyList<Endpoint> EndpointsByKey(string? method, string pathKey, string? repo) => Read(s => s.EndpointsByKey(method, pathKey, repo));
    public ConsumerPage Consumers(string endpointId, int offset, int limit) => Read(s => s.Consumers(endpointId, offset, limit));
    public IReadOnlyList<CallSite> CallSites(IReadOnlyCollection<string> ids) => Read(s => s.CallSites(ids));
    public IReadOnlyList<(CallSite CallSite, string Reason)> UnresolvedCalls(string? tail = null) => Read(s => s.UnresolvedCalls(tail));
    public UnresolvedMatches UnresolvedCalls(string tail, Func<string?, string, bool> fits, int examples) => Read(s => s.UnresolvedCalls(tail, fits, examples));
    public string? BlobOf(string repo, string file) => Read(s => s.BlobOf(repo, file));
    public RepoCalls CallsOf(string repo) => Read(s => s.CallsOf(repo));

    /// <summary>
    /// One index run's view of the store: reads go straight through, the first write that changes the index closes the
    /// gate, and <see cref="Publish"/> (or disposing, on failure) opens it again. Used on one thread, as the indexer runs.
    /// </summary>
    public sealed class WriteRun(IGraphStore store, ReaderWriterLockSlim gate) : IGraphStore, IDisposable
    {
        private bool _closed;

        private void Close()
        {
            if (_closed) return;
            gate.EnterWriteLock();
            _closed = true;
        }

        /// <summary>Lets readers in again: what was written is now whole (linked), or the run failed and stops here.</summary>
        public void Publish()
        {
            if (!_closed) return;
            _closed = false;
            gate.ExitWriteLock();
        }

        public void Dispose() => Publish();

        public RepoIndex Encode(RepoIndex index) => store.Encode(index);

        public void SaveRepoIndex(RepoIndex index, CancellationToken cancellationToken = default)
        {
            Close();
            store.SaveRepoIndex(index, cancellationToken);
        }

        public void RemoveReposExcept(IReadOnlyCollection<string> keep)
        {
            if (store.Repos().All(r => keep.Contains(r.Name))) return;
            Close();
            store.RemoveReposExcept(keep);
        }

        public IFactReader OpenFactReader() => store.OpenFactReader();
        public void SaveFacts(IReadOnlyList<IndexedFile> files) => store.SaveFacts(files);
        public LinkTotals? ApplyLinks(LinkUpdate update, string? configuration = null) => store.ApplyLinks(update, configuration);
        public LinkTotals? CurrentLinks(string configuration) => store.CurrentLinks(configuration);
        public IReadOnlyList<RepoStatus> Repos() => store.Repos();
        public EndpointPage Endpoints(EndpointQuery query) => store.Endpoints(query);
        public RepoSurface? Surface(string repo) => store.Surface(repo);
        public GraphSnapshot Graph() => store.Graph();
        public LinkInputs LoadLinkInputs() => store.LoadLinkInputs();
        public LinkState LoadLinkState() => store.LoadLinkState();
        public IReadOnlyList<StoredCall> LinkCalls(CallSelection selection) => store.LinkCalls(selection);
        public Endpoint? FindEndpoint(string id) => store.FindEndpoint(id);
        public IReadOnlyList<Endpoint> EndpointsByKey(string? method, string pathKey, string? repo) => store.EndpointsByKey(method, pathKey, repo);
        public ConsumerPage Consumers(string endpointId, int offset, int limit) => store.Consumers(endpointId, offset, limit);
        public IReadOnlyList<CallSite> CallSites(IReadOnlyCollection<string> ids) => store.CallSites(ids);
        public IReadOnlyList<(CallSite CallSite, string Reason)> UnresolvedCalls(string? tail = null) => store.UnresolvedCalls(tail);
        public UnresolvedMatches UnresolvedCalls(string tail, Func<string?, string, bool> fits, int examples) => store.UnresolvedCalls(tail, fits, examples);
        public string? BlobOf(string repo, string file) => store.BlobOf(repo, file);
        public RepoCalls CallsOf(string repo) => store.CallsOf(repo);
    }
}
