using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mesh.Engine.Extraction;
using Mesh.Engine.Model;
using Mesh.Engine.Resolution;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Indexing;

/// <summary>What to index: every repo or one, at its configured ref or in its working tree.</summary>
public sealed record IndexRequest(string? Repo = null, bool WorkingTree = false, bool Force = false);

/// <summary>Progress of an index run, for a terminal display or MCP progress notifications.</summary>
public sealed record IndexProgress(int RepoNumber, int RepoCount, string Repo, int FilesSeen, int FilesParsed, string Stage);

public enum RepoIndexStatus { Indexed, Unchanged, Failed }

public sealed record RepoIndexReport(
    string Repo,
    RepoIndexStatus Status,
    string? Revision,
    int FilesSeen,
    int FilesRelevant,
    int FilesParsed,
    int FilesCached,
    IReadOnlyList<SkippedFile> Skipped,
    int Endpoints,
    int CallSites,
    int Diagnostics,
    string? Error,
    TimeSpan Elapsed,
    IndexStageTimes? Stages = null);

/// <summary>Where a repo's index time went: listing and reading files with extraction, resolution, and the store write.</summary>
public sealed record IndexStageTimes(TimeSpan Read, TimeSpan Resolve, TimeSpan Write);

/// <summary>
/// What linking the workspace found: call sites linked to at least one endpoint, and those left unresolved; how many call
/// sites were read and linked again (the others kept their stored links), and why everything was when it was
/// (<see cref="FullReason"/>).
/// </summary>
public sealed record LinkingReport(
    int CallSites, int Linked, int Unresolved, int Links, TimeSpan Elapsed, int Relinked = 0, string? FullReason = null, LinkStageTimes? Stages = null,
    int Read = 0);

/// <summary>Where linking time went: reading inputs and state, resolving and matching, writing.</summary>
public sealed record LinkStageTimes(TimeSpan Load, TimeSpan Match, TimeSpan Write);

/// <summary>A repo's surface at one revision (a commit sha, or <c>worktree</c>), and how many files were parsed to get it.</summary>
public sealed record RevisionSurface(string Revision, RepoSurface Surface, int FilesParsed)
{
    /// <summary>The blob id of each file read, by repo-relative path (an OpenAPI operation's document is its file's blob).</summary>
    public IReadOnlyDictionary<string, string> Blobs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

public sealed record IndexReport(IReadOnlyList<RepoIndexReport> Repos, TimeSpan Elapsed)
{
    public LinkingReport? Linking { get; init; }

    public int FilesSeen => Repos.Sum(r => r.FilesSeen);
    public int FilesParsed => Repos.Sum(r => r.FilesParsed);
    public int FilesSkipped => Repos.Sum(r => r.Skipped.Count);
    public int Endpoints => Repos.Sum(r => r.Endpoints);
    public int CallSites => Repos.Sum(r => r.CallSites);
    public int Failed => Repos.Count(r => r.Status == RepoIndexStatus.Failed);
}

/// <summary>
/// Indexes repos: lists a snapshot's files (cheap), parses only blobs not yet in the fact cache, resolves the
/// repo's surface and writes it in one transaction. A repo that fails is reported; the others go on.
/// </summary>
public sealed class Indexer(IGraphStore store, IReadOnlyList<IFileExtractor> extractors, TimeProvider clock, FactMemory? memory = null)
{
    /// <summary>Files whose first 8000 bytes hold a NUL are binary, as git decides.</summary>
    private const int BinaryProbeBytes = 8000;

    public IndexReport Index(Workspace workspace, IndexRequest request, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var repos = request.Repo is null ? workspace.Repos : [workspace.Repo(request.Repo)];
        if (request.Repo is null) store.RemoveReposExcept(workspace.RepoNames);
        var stored = store.Repos().ToDictionary(r => r.Name, StringComparer.Ordinal);
        var reports = new List<RepoIndexReport>();
        var ordered = progress is null ? null : new RepoOrderProgress(progress, repos.Count);
        // Cancelled when the run stops early (a failed write, the caller's cancellation): repos prepared ahead stop too.
        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        Prepared Prepare(int i)
        {
            var repo = repos[i];
            var tick = new Action<int, int, string>((seen, parsed, stage) =>
                ordered?.Report(new IndexProgress(i + 1, repos.Count, repo.Name, seen, parsed, stage)));
            tick(0, 0, "starting");
            return PrepareRepo(repo, request, stored.GetValueOrDefault(repo.Name), tick, ahead.Token);
        }

        // The store takes one writer: repo i is written on this thread while the next repos are read, parsed and resolved
        // beside it, a few at a time, so one repo's serial steps (reading blobs, resolving) leave no core idle.
        var lookahead = Math.Clamp(Environment.ProcessorCount, 1, MaxLookahead);
        var pending = new Queue<Task<Prepared>>();
        var launched = 0;
        void StartNext()
        {
            var number = launched++;
            pending.Enqueue(Task.Run(() => Prepare(number), ahead.Token));
        }
        try
        {
            while (launched < repos.Count && pending.Count < lookahead) StartNext();
            for (var i = 0; i < repos.Count; i++)
            {
                var current = pending.Dequeue().GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
                if (launched < repos.Count) StartNext();
                var report = Write(current, cancellationToken);
                reports.Add(report);
                ordered?.Report(new IndexProgress(i + 1, repos.Count, report.Repo, report.FilesSeen, report.FilesParsed, report.Status.ToString().ToLowerInvariant()));
                ordered?.Done(i + 1);
            }
        }
        finally
        {
            // A failed write must not leave the next repos' preparation running on its own, nor wait for it to finish.
            if (pending.Count > 0) ahead.Cancel();
            foreach (var task in pending)
                try { task.Wait(CancellationToken.None); }
                catch (AggregateException) { }
        }
        return new IndexReport(reports, started.Elapsed);
    }

    /// <summary>
    /// A repo's surface at any revision (a ref, or the working tree) without touching its stored index: facts come
    /// from the cache, misses are parsed and added to it, so a second look at the same revision parses nothing.
    /// </summary>
    public RevisionSurface SurfaceAt(RepoConfig repo, string? reference, bool workingTree, CancellationToken cancellationToken = default)
    {
        using var snapshot = RepoSnapshot.Open(repo, reference, workingTree);
        var (files, skipped, _, parsed) = ReadFacts(snapshot, (_, _, _) => { }, cancellationToken);
        store.SaveFacts(files);
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files) blobs.TryAdd(file.Path, file.BlobId);
        return new RevisionSurface(snapshot.Revision, WithUnreadable(RepoResolver.Resolve(repo.Name, files), skipped), parsed) { Blobs = blobs };
    }

    /// <summary>The commit sha a reference names in a repo (throws a clear error for an unknown one).</summary>
    public string Revision(RepoConfig repo, string? reference)
    {
        using var snapshot = RepoSnapshot.Open(repo, reference);
        return snapshot.Revision;
    }

    /// <summary>
    /// Progress in repo order while later repos are prepared ahead: the repo being finished reports as it goes; a repo
    /// ahead of it keeps only its latest state, reported when its turn comes. So a client sees repo N's stages, then
    /// repo N+1's (its stages passed while waiting are skipped), never going back.
    /// </summary>
    private sealed class RepoOrderProgress(IProgress<IndexProgress> sink, int repoCount)
    {
        private readonly Lock _gate = new();
        private readonly IndexProgress?[] _latest = new IndexProgress?[repoCount + 1];
        private int _current = 1;

        public void Report(IndexProgress value)
        {
            lock (_gate)
            {
                if (value.RepoNumber == _current) sink.Report(value);
                else _latest[value.RepoNumber] = value;
            }
        }

        /// <summary>Repo <paramref name="number"/> is finished: the next one's latest state is reported, and it reports live from now on.</summary>
        public void Done(int number)
        {
            lock (_gate)
            {
                _current = number + 1;
                if (_current <= repoCount && _latest[_current] is { } waiting) sink.Report(waiting);
            }
        }
    }

    /// <summary>A repo read, parsed and resolved, waiting for its store write; or its final report (unchanged, failed).</summary>
    private sealed record Prepared(RepoIndexReport Report, RepoIndex? Index, Stopwatch Clock);

    private Prepared PrepareRepo(RepoConfig repo, IndexRequest request, RepoStatus? previous, Action<int, int, string> tick, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var signature = Signature(repo, request.WorkingTree);
        try
        {
            using var snapshot = RepoSnapshot.Open(repo, workingTree: request.WorkingTree);
            if (!request.Force && !request.WorkingTree && previous is not null
                && previous.Revision == snapshot.Revision && previous.Signature == signature)
                return new Prepared(new RepoIndexReport(repo.Name, RepoIndexStatus.Unchanged, snapshot.Revision, previous.FilesSeen,
                    previous.FilesRelevant, 0, previous.FilesRelevant, [], previous.Endpoints, previous.CallSites,
                    previous.Diagnostics, null, started.Elapsed), null, started);

            var stage = Stopwatch.StartNew();
            var (files, skipped, seen, parsed) = ReadFacts(snapshot, tick, cancellationToken);
            var read = stage.Elapsed;
            stage.Restart();
            var surface = WithUnreadable(RepoResolver.Resolve(repo.Name, files), skipped);
            var resolve = stage.Elapsed;
            tick(seen, parsed, "writing");
            var report = new RepoIndexReport(repo.Name, RepoIndexStatus.Indexed, snapshot.Revision, seen,
                files.Select(f => f.Path).Distinct().Count(), parsed, files.Count(f => !f.Parsed), skipped,
                surface.Endpoints.Count, surface.CallSites.Count, surface.Diagnostics.Count, null, started.Elapsed,
                new IndexStageTimes(read, resolve, TimeSpan.Zero));
            // Serialized here, beside the other repos' preparation, so the one writer thread only writes.
            var index = store.Encode(new RepoIndex(repo, snapshot.Revision, signature, clock.GetUtcNow(), seen, files, skipped, surface));
            return new Prepared(report, index, started);
        }
        catch (Exception e) when (e is OperationCanceledException or StoreException)
        {
            // A store that cannot be read fails every repo alike: stop with its one message.
            throw;
        }
        catch (Exception e)
        {
            return new Prepared(Failed(repo.Name, e, started.Elapsed), null, started);
        }
    }

    private RepoIndexReport Write(Prepared prepared, CancellationToken cancellationToken)
    {
        if (prepared.Index is not { } index) return prepared.Report;
        var stage = Stopwatch.StartNew();
        try
        {
            store.SaveRepoIndex(index, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or StoreException)
        {
            // A store that cannot be written fails every repo alike: stop with its one message.
            throw;
        }
        catch (Exception e)
        {
            return Failed(prepared.Report.Repo, e, prepared.Clock.Elapsed);
        }
        // Elapsed counts from the repo's start, so it includes the wait for the write before it.
        return prepared.Report with { Elapsed = prepared.Clock.Elapsed, Stages = prepared.Report.Stages! with { Write = stage.Elapsed } };
    }

    private static RepoIndexReport Failed(string repo, Exception e, TimeSpan elapsed) =>
        new(repo, RepoIndexStatus.Failed, null, 0, 0, 0, 0, [], 0, 0, 0, e is MeshException ? e.Message : $"{e.GetType().Name}: {e.Message}", elapsed);

    /// <summary>Repos prepared ahead of the one being written, at most (each holds its facts in memory until written).</summary>
    private const int MaxLookahead = 4;

    /// <summary>
    /// Files being parsed now, by content: a repo that meets a blob another repo (or path) is already parsing waits for
    /// those facts instead of parsing it again. Entries are claimed only just before their batch extracts them, a batch
    /// extracts all it claimed before it waits for others (so no two batches wait on each other), and a claim is removed
    /// when its batch ends (finished facts are in <see cref="FactMemory"/>, so this holds only the parses under way).
    /// </summary>
    private readonly ConcurrentDictionary<(string Blob, string Extractor, int Version), TaskCompletionSource<FileFacts>> _inFlight = new();

    /// <summary>Misses are extracted in parallel in batches this large, so memory stays bounded on huge repos.</summary>
    private const long BatchBytes = 32L << 20;
    private const int BatchFiles = 512;

    /// <summary>A file whose facts must be parsed: its slot in the result list, and its bytes.</summary>
    private sealed record Miss(int Slot, IFileExtractor Extractor, string Path, string BlobId, byte[] Bytes);

    private (List<IndexedFile> Files, List<SkippedFile> Skipped, int Seen, int Parsed) ReadFacts(
        RepoSnapshot snapshot, Action<int, int, string> tick, CancellationToken cancellationToken)
    {
        var files = new List<IndexedFile?>();
        var skipped = new List<SkippedFile>();
        var batch = new List<Miss>();
        long batchBytes = 0;
        int seen = 0, parsed = 0;
        using var cache = store.OpenFactReader();
        foreach (var file in snapshot.Files())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++seen % 500 == 0) tick(seen, parsed, "reading");
            byte[]? bytes = null;
            foreach (var extractor in extractors)
            {
                if (!extractor.Accepts(file.Path)) continue;
                if (file.Size > extractor.MaxFileBytes)
                {
                    skipped.Add(new SkippedFile(file.Path, $"{SkipReasons.TooLarge}: {file.Size:N0} bytes > {extractor.MaxFileBytes:N0} for {extractor.Name}"));
                    continue;
                }
                var facts = memory?.Find(file.BlobId, extractor.Name, extractor.Version);
                if (facts is null && (facts = cache.Find(file.BlobId, extractor.Name, extractor.Version)) is not null)
                    memory?.Remember(file.BlobId, extractor.Name, extractor.Version, facts);
                if (facts is not null)
                {
                    files.Add(new IndexedFile(file.Path, file.BlobId, extractor.Name, extractor.Version, facts, Parsed: false));
                    continue;
                }
                try
                {
                    bytes ??= snapshot.Read(file);
                }
                catch (UnreadableFileException e)
                {
                    skipped.Add(new SkippedFile(file.Path, $"{SkipReasons.Unreadable}: {e.Reason}"));
                    break;
                }
                if (IsBinary(bytes))
                {
                    skipped.Add(new SkippedFile(file.Path, SkipReasons.Binary));
                    break;
                }
                batch.Add(new Miss(files.Count, extractor, file.Path, file.BlobId, bytes));
                files.Add(null);
                batchBytes += bytes.Length;
            }
            if (batchBytes >= BatchBytes || batch.Count >= BatchFiles)
            {
                parsed += ExtractBatch(batch, files, cancellationToken);
                batchBytes = 0;
            }
        }
        ExtractBatch(batch, files, cancellationToken);
        var indexed = files.Select(f => f!).ToList();
        skipped.AddRange(snapshot.Skipped);
        // A file an extractor passed over as a whole (minified code) is listed with the files never read.
        skipped.AddRange(indexed.Where(f => f.Facts.Skipped is not null).Select(f => new SkippedFile(f.Path, f.Facts.Skipped!)));
        skipped.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        // A file read by two extractors (a JSON spec that is also configuration) is one file parsed.
        return (indexed, skipped, seen, indexed.Where(f => f.Parsed).Select(f => f.Path).Distinct().Count());
    }

    /// <summary>
    /// Extracts a batch of misses on every core; results land in their slots, so order stays deterministic. A miss another
    /// batch is already parsing is taken from it (not counted as parsed here) once this batch's own work is done.
    /// </summary>
    private int ExtractBatch(List<Miss> batch, List<IndexedFile?> files, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return 0;
        var own = new List<(Miss Miss, TaskCompletionSource<FileFacts> Result)>();
        var elsewhere = new List<(Miss Miss, Task<FileFacts> Result)>();
        foreach (var miss in batch)
        {
            var claim = new TaskCompletionSource<FileFacts>(TaskCreationOptions.RunContinuationsAsynchronously);
            var holder = _inFlight.GetOrAdd((miss.BlobId, miss.Extractor.Name, miss.Extractor.Version), claim);
            if (ReferenceEquals(holder, claim)) own.Add((miss, claim));
            else elsewhere.Add((miss, holder.Task));
        }
        try
        {
            Parallel.ForEach(own, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, item =>
            {
                var miss = item.Miss;
                var facts = Extract(miss.Extractor, miss.Path, miss.Bytes, cancellationToken);
                files[miss.Slot] = new IndexedFile(miss.Path, miss.BlobId, miss.Extractor.Name, miss.Extractor.Version, facts, Parsed: true);
                memory?.Remember(miss.BlobId, miss.Extractor.Name, miss.Extractor.Version, facts);
                item.Result.TrySetResult(facts);
            });
        }
        finally
        {
            // Whoever waits for a claim of this batch must not wait forever when it stopped (cancelled) halfway; once done,
            // the claim goes (its waiters hold the task, later readers find the facts in memory or the store).
            foreach (var (miss, result) in own)
            {
                result.TrySetCanceled(CancellationToken.None);
                _inFlight.TryRemove(KeyValuePair.Create((miss.BlobId, miss.Extractor.Name, miss.Extractor.Version), result));
            }
        }
        var parsedHere = own.Count;
        foreach (var (miss, result) in elsewhere)
        {
            FileFacts facts;
            var parsed = false;
            try
            {
                facts = result.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The batch that claimed it stopped (its own run was cancelled); this one still needs the facts.
                facts = Extract(miss.Extractor, miss.Path, miss.Bytes, cancellationToken);
                memory?.Remember(miss.BlobId, miss.Extractor.Name, miss.Extractor.Version, facts);
                parsed = true;
                parsedHere++;
            }
            files[miss.Slot] = new IndexedFile(miss.Path, miss.BlobId, miss.Extractor.Name, miss.Extractor.Version, facts, Parsed: parsed);
        }
        batch.Clear();
        return parsedHere;
    }

    private static FileFacts Extract(IFileExtractor extractor, string path, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            return extractor.Extract(path, bytes, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // An extractor bug must cost one file, not the index.
            return FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Error, $"{extractor.Name} failed: {e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>
    /// The surface with a diagnostic for each file or folder that could not be read (a missing git object), besides its
    /// entry in the skipped list: a partial clone's gaps show where a user reads what went wrong in a file.
    /// </summary>
    private static RepoSurface WithUnreadable(RepoSurface surface, IReadOnlyList<SkippedFile> skipped)
    {
        var prefix = SkipReasons.Unreadable + ": ";
        var unreadable = skipped.Where(s => s.Reason.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => new FileDiagnostic(surface.Repo, s.Path, "git", new Diagnostic(DiagnosticSeverity.Warning, $"not indexed: {s.Reason[prefix.Length..]}")))
            .ToList();
        if (unreadable.Count == 0) return surface;
        return surface with { Diagnostics = [.. surface.Diagnostics.Concat(unreadable).OrderBy(d => d.File, StringComparer.Ordinal)] };
    }

    private static bool IsBinary(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeBytes)).Contains((byte)0);

    /// <summary>What besides the revision decides a repo's index: extractor versions, excludes, ref, snapshot kind.</summary>
    private string Signature(RepoConfig repo, bool workingTree)
    {
        var text = new StringBuilder();
        foreach (var extractor in extractors) text.Append(extractor.Name).Append('@').Append(extractor.Version).Append(';');
        text.Append("resolver@").Append(RepoResolver.Version).Append(';');
        text.Append("ref=").Append(workingTree ? RepoSnapshot.WorkingTree : repo.RefOrHead).Append(";exclude=").AppendJoin('|', repo.Exclude);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
