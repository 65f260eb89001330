using Mesh.Engine.Extraction;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Sources;

namespace Mesh.Engine.Storage;

/// <summary>
/// The graph cache. SQLite is the embedded default; a server store (PostgreSQL) can sit behind the same members,
/// so nothing outside Storage knows about SQL.
/// </summary>
public interface IGraphStore
{
    /// <summary>A reader for many fact lookups in a row (one index run), holding its connection until disposed.</summary>
    IFactReader OpenFactReader();

    /// <summary>Replaces a repo's whole index in one transaction: on any failure the previous index stays as it was.</summary>
    void SaveRepoIndex(RepoIndex index, CancellationToken cancellationToken = default);

    /// <summary>
    /// Does the store's per-row work for a later <see cref="SaveRepoIndex"/> (such as serializing facts) now, on the calling
    /// thread, so the single writer does less. Pure and thread-safe; the index saves the same with or without it.
    /// </summary>
    RepoIndex Encode(RepoIndex index) => index;

    /// <summary>
    /// After a run of writes: brings the database file up to date and empties the write-ahead log, so the next process to
    /// open the store need not read the log back. Nothing to do for a store without one.
    /// </summary>
    Task SettleAsync() => Task.CompletedTask;

    /// <summary>Adds parsed facts to the content-addressed cache without touching any repo's index (a diff at another revision).</summary>
    void SaveFacts(IReadOnlyList<IndexedFile> files);

    /// <summary>Forgets repos that are no longer in the workspace.</summary>
    void RemoveReposExcept(IReadOnlyCollection<string> keep);

    IReadOnlyList<RepoStatus> Repos();

    EndpointPage Endpoints(EndpointQuery query);

    /// <summary>A repo's stored surface, or null when the repo was never indexed.</summary>
    RepoSurface? Surface(string repo);

    /// <summary>Everything, for graph exports.</summary>
    GraphSnapshot Graph();

    /// <summary>What linking the workspace needs besides its call sites, in compact form.</summary>
    LinkInputs LoadLinkInputs();

    /// <summary>What the stored links were computed from, to link again only what changed.</summary>
    LinkState LoadLinkState();

    /// <summary>The stored call sites a relink reads, by id, each with the digest its stored links came from.</summary>
    IReadOnlyList<StoredCall> LinkCalls(CallSelection selection);

    /// <summary>
    /// Writes a relink's links, unresolved calls and link state in one transaction and returns the workspace's totals
    /// after it; writes nothing and returns null when a repo was written since the relink's <see cref="LinkState"/> was loaded.
    /// </summary>
    LinkTotals? ApplyLinks(LinkUpdate update, string? configuration = null);

    /// <summary>
    /// The link totals when the stored links were written after the last repo write, for the same link
    /// <paramref name="configuration"/> (mesh.json services, Mesh's build); null when a relink is needed.
    /// </summary>
    LinkTotals? CurrentLinks(string configuration);

    Endpoint? FindEndpoint(string id);

    /// <summary>Endpoints with this method (or any, when null) whose path key is the given one.</summary>
    IReadOnlyList<Endpoint> EndpointsByKey(string? method, string pathKey, string? repo);

    /// <summary>
    /// The call sites linked to an endpoint, best score first; for an OpenAPI operation, also the calls linked through it
    /// to the services that implement it (spec-mediated: the link names the provider and goes via the operation).
    /// </summary>
    ConsumerPage Consumers(string endpointId, int offset, int limit);

    /// <summary>The stored call sites with these ids (unknown ids are left out), by repo, file and line.</summary>
    IReadOnlyList<CallSite> CallSites(IReadOnlyCollection<string> ids);

    /// <summary>Call sites that match no endpoint, with their reasons; only those whose last literal segment is <paramref name="tail"/> when given.</summary>
    IReadOnlyList<(CallSite CallSite, string Reason)> UnresolvedCalls(string? tail = null);

    /// <summary>
    /// The unresolved calls whose last literal segment is <paramref name="tail"/> and whose method and URL pass <paramref name="fits"/>,
    /// in call order (repo, file, line), with their reasons; the first <paramref name="examples"/> with their whole call site.
    /// </summary>
    UnresolvedMatches UnresolvedCalls(string tail, Func<string?, string, bool> fits, int examples);

    /// <summary>The blob id of a file as last indexed, to read code around a line.</summary>
    string? BlobOf(string repo, string file);

    /// <summary>A repo's call sites with the endpoints each is linked to, and those linked to none with the reason.</summary>
    RepoCalls CallsOf(string repo);
}

public sealed record LinkInputs(
    IReadOnlyList<LinkEndpoint> Endpoints,
    IReadOnlyList<RepoFact<ConfigValueFact>> ConfigValues,
    IReadOnlyList<RepoFact<ProxyRouteFact>> ProxyRoutes,
    IReadOnlyList<RepoFact<ServiceDeclarationFact>> Services,
    IReadOnlyList<string> Repos,
    Func<string, string?> RepoOfProject);

/// <summary>Call sites, those with at least one link, links, and unresolved call sites, in the whole store.</summary>
public sealed record LinkTotals(int CallSites, int Linked, int Links, int Unresolved);

public sealed record Consumer(CallSite CallSite, Link Link);

/// <summary>Unresolved calls that passed a filter: every one's reason, in call order, and the first few whole.</summary>
public sealed record UnresolvedMatches(IReadOnlyList<string> Reasons, IReadOnlyList<(CallSite CallSite, string Reason)> Examples);

public sealed record ConsumerPage(IReadOnlyList<Consumer> Items, int Total);

/// <summary>A call site linked to an endpoint of some repo.</summary>
public sealed record ProviderLink(CallSite CallSite, Link Link, Endpoint Endpoint);

/// <summary>What a repo calls: linked calls sorted by file and line, then unresolved ones with their reasons.</summary>
public sealed record RepoCalls(IReadOnlyList<ProviderLink> Linked, IReadOnlyList<(CallSite CallSite, string Reason)> Unresolved);

/// <summary>Looks up cached facts; one per index run, not shared across threads.</summary>
public interface IFactReader : IDisposable
{
    /// <summary>Cached facts of a blob for one extractor version, or null on a miss.</summary>
    FileFacts? Find(string blobId, string extractor, int version);
}

/// <summary>A file whose facts the index used, and whether they were parsed now (false: taken from the cache).</summary>
public sealed record IndexedFile(string Path, string BlobId, string Extractor, int ExtractorVersion, FileFacts Facts, bool Parsed);

/// <summary>What indexing one repo produced, written as one unit.</summary>
public sealed record RepoIndex(
    RepoConfig Repo,
    string Revision,
    string Signature,
    DateTimeOffset IndexedAt,
    int FilesSeen,
    IReadOnlyList<IndexedFile> Files,
    IReadOnlyList<SkippedFile> Skipped,
    RepoSurface Surface)
{
    /// <summary>What <see cref="IGraphStore.Encode"/> prepared for the store that made it (opaque to everyone else).</summary>
    public object? Encoded { get; init; }
}

/// <summary>A repo as the store knows it.</summary>
public sealed record RepoStatus(
    string Name,
    string Location,
    string Ref,
    string Revision,
    string Signature,
    DateTimeOffset IndexedAt,
    int FilesSeen,
    int FilesRelevant,
    int FilesSkipped,
    int Endpoints,
    int CallSites,
    int Diagnostics);

public sealed record EndpointQuery(string? Repo = null, string? Method = null, string? PathText = null, int Offset = 0, int Limit = 50);

/// <summary>An endpoint with the number of call sites linked to it.</summary>
public sealed record EndpointRow(Endpoint Endpoint, int Consumers);

public sealed record EndpointPage(IReadOnlyList<EndpointRow> Items, int Total);

public sealed record GraphSnapshot(
    IReadOnlyList<RepoStatus> Repos,
    IReadOnlyList<Endpoint> Endpoints,
    IReadOnlyList<CallSite> CallSites,
    IReadOnlyList<Link> Links,
    IReadOnlyList<RepoSchema> Schemas);

/// <summary>A named schema with the repo it belongs to.</summary>
public sealed record RepoSchema(string Repo, NamedSchema Schema);
