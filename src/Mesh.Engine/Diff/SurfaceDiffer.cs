using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>
/// Compares two versions of an API surface. Operations are the same operation when path key and method agree,
/// so renaming a path parameter is not a removal plus an addition; the source (OpenAPI or code) does not matter.
/// </summary>
public sealed class SurfaceDiffer(IReadOnlyList<IDiffRule> rules)
{
    public static readonly SurfaceDiffer Default = new(DiffRules.All);

    private readonly IReadOnlyList<IEndpointRule> _endpointRules = [.. rules.OfType<IEndpointRule>()];
    private readonly IReadOnlyList<ISchemaRule> _schemaRules = [.. rules.OfType<ISchemaRule>()];
    private readonly IReadOnlyList<IDocumentRule> _documentRules = [.. rules.OfType<IDocumentRule>()];

    /// <summary>Compares two versions of a repo's surface: its operations, then its API description documents.</summary>
    public IReadOnlyList<Change> Diff(RepoSurface before, RepoSurface after, DiffOptions? options = null) =>
        Diff(EndpointVersions.Of(before), EndpointVersions.Of(after), options, DocumentVersion.Of(before), DocumentVersion.Of(after));

    public IReadOnlyList<Change> Diff(IReadOnlyList<EndpointVersion> before, IReadOnlyList<EndpointVersion> after, DiffOptions? options = null,
        IReadOnlyList<DocumentVersion>? documentsBefore = null, IReadOnlyList<DocumentVersion>? documentsAfter = null)
    {
        var sink = new ChangeSink(options ?? DiffOptions.Default);
        var walker = new SchemaWalker(_schemaRules, sink);
        foreach (var pair in Match(before, after))
        {
            if (pair is { Base: { } was, Head: { } now } && UnchangedOperation.Is(was, now)) continue;
            foreach (var rule in _endpointRules) rule.Compare(pair, sink);
            if (pair is { Base: not null, Head: not null }) walker.Walk(pair);
        }
        foreach (var document in DocumentPair.Match(documentsBefore ?? [], documentsAfter ?? []))
            foreach (var rule in _documentRules) rule.Compare(document, sink);
        return [.. sink.Changes
            .OrderBy(c => c.Path, StringComparer.Ordinal)
            .ThenBy(c => c.Method, StringComparer.Ordinal)
            .ThenBy(c => c.Location, StringComparer.Ordinal)
            .ThenBy(c => c.Rule, StringComparer.Ordinal)
            .ThenBy(c => c.Message, StringComparer.Ordinal)];
    }

    /// <summary>Pairs operations by (path key, method); repeated declarations of one operation pair in order.</summary>
    public static IReadOnlyList<EndpointPair> Match(IReadOnlyList<EndpointVersion> before, IReadOnlyList<EndpointVersion> after)
    {
        static string Key(EndpointVersion e) => e.Endpoint.PathKey + " " + e.Endpoint.Method;
        var heads = after.GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<EndpointVersion>(g), StringComparer.Ordinal);
        var pathsBefore = before.Select(e => e.Endpoint.PathKey).ToHashSet(StringComparer.Ordinal);
        var pathsAfter = after.Select(e => e.Endpoint.PathKey).ToHashSet(StringComparer.Ordinal);
        var pairs = new List<EndpointPair>();
        foreach (var b in before)
        {
            var h = heads.TryGetValue(Key(b), out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
            pairs.Add(new EndpointPair(b, h) { PathGone = !pathsAfter.Contains(b.Endpoint.PathKey) });
        }
        pairs.AddRange(heads.Values.SelectMany(q => q).Select(h => new EndpointPair(null, h) { PathNew = !pathsBefore.Contains(h.Endpoint.PathKey) }));
        return [.. pairs.OrderBy(p => (p.Head ?? p.Base)!.Endpoint.PathKey, StringComparer.Ordinal).ThenBy(p => p.Method, StringComparer.Ordinal)];
    }
}

/// <summary>Binds a repo's endpoints to the schema tables their references resolve in.</summary>
public static class EndpointVersions
{
    public static IReadOnlyList<EndpointVersion> Of(RepoSurface surface)
    {
        var documents = surface.Schemas.Where(s => s.Source == EndpointSources.OpenApi)
            .GroupBy(s => s.File, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, Table, StringComparer.Ordinal);
        var code = Table(surface.Schemas.Where(s => s.Source == EndpointSources.Code));
        return [.. surface.Endpoints.Select(e => new EndpointVersion(e,
            e.Fact.Source == EndpointSources.OpenApi ? documents.GetValueOrDefault(e.File, SchemaTable.Empty) : code))];
    }

    /// <summary>A repo's code types as one table (the first declaration of a name wins).</summary>
    public static SchemaTable CodeTypes(IEnumerable<NamedSchema> schemas) => Table(schemas.Where(s => s.Source == EndpointSources.Code));

    private static SchemaTable Table(IEnumerable<NamedSchema> schemas)
    {
        var table = new SortedDictionary<string, ApiSchema>(StringComparer.Ordinal);
        foreach (var schema in schemas) table.TryAdd(schema.Name, schema.Schema);
        return new SchemaTable(table);
    }
}
