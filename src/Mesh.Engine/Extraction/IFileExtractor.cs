using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction;

/// <summary>
/// A pure function from a file's bytes to the facts it declares. Facts are cached by
/// (blob id, <see cref="Name"/>, <see cref="Version"/>), so they must depend on the bytes alone:
/// meaning that comes from the path (repo, file, test folders, file-system routes) is added by the resolver.
/// </summary>
public interface IFileExtractor
{
    string Name { get; }

    /// <summary>Bump on any change of behaviour: it invalidates exactly this extractor's cache rows.</summary>
    int Version { get; }

    /// <summary>Cheap test on the path alone (extension, file name) deciding whether the bytes are read at all.</summary>
    bool Accepts(string path);

    /// <summary>Files larger than this are skipped and listed, never read.</summary>
    long MaxFileBytes { get; }

    /// <summary>Never throws for bad input: what cannot be read becomes a diagnostic.</summary>
    FileFacts Extract(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);
}

/// <summary>What one file declares, for one extractor.</summary>
public sealed record FileFacts(
    IReadOnlyList<EndpointFact> Endpoints,
    IReadOnlyList<CallSiteFact> CallSites,
    SchemaTable Schemas,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public IReadOnlyList<MountFact> Mounts { get; init; } = [];
    public IReadOnlyList<WrapperFact> Wrappers { get; init; } = [];
    public IReadOnlyList<CallCandidateFact> CallCandidates { get; init; } = [];
    public IReadOnlyList<ClientBindingFact> ClientBindings { get; init; } = [];
    public IReadOnlyList<ServiceDeclarationFact> Services { get; init; } = [];
    public IReadOnlyList<ConfigValueFact> ConfigValues { get; init; } = [];
    public IReadOnlyList<ProxyRouteFact> ProxyRoutes { get; init; } = [];
    public IReadOnlyList<ClientFixtureFact> ClientFixtures { get; init; } = [];
    public IReadOnlyList<FixtureCallFact> FixtureCalls { get; init; } = [];
    public IReadOnlyList<ValueFact> Values { get; init; } = [];
    public IReadOnlyList<UrlHelperFact> UrlHelpers { get; init; } = [];

    /// <summary>Why the extractor passed over the whole file (minified code), or null; the indexer lists the file as skipped with it.</summary>
    public string? Skipped { get; init; }

    /// <summary>What an API description document declares outside its operations; null for other files.</summary>
    public ApiDocumentFact? Document { get; init; }

    public static readonly FileFacts None = new([], [], SchemaTable.Empty, []);

    public static FileFacts Failed(Diagnostic diagnostic) => new([], [], SchemaTable.Empty, [diagnostic]);

    public bool IsEmpty => Endpoints.Count == 0 && CallSites.Count == 0 && Schemas.Schemas.Count == 0 && Diagnostics.Count == 0
        && Mounts.Count == 0 && Wrappers.Count == 0 && CallCandidates.Count == 0 && ClientBindings.Count == 0 && Services.Count == 0
        && ConfigValues.Count == 0 && ProxyRoutes.Count == 0 && ClientFixtures.Count == 0 && FixtureCalls.Count == 0 && Values.Count == 0
        && UrlHelpers.Count == 0;
}
