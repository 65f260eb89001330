using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>An API description document with its component schemas.</summary>
public sealed record DocumentVersion(string File, ApiDocumentFact Fact, SchemaTable Schemas)
{
    public static IReadOnlyList<DocumentVersion> Of(RepoSurface surface)
    {
        var schemas = surface.Schemas.Where(s => s.Source == EndpointSources.OpenApi).GroupBy(s => s.File, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SchemaTable(new SortedDictionary<string, ApiSchema>(g.ToDictionary(s => s.Name, s => s.Schema, StringComparer.Ordinal), StringComparer.Ordinal)), StringComparer.Ordinal);
        return [.. surface.Documents.Select(d => new DocumentVersion(d.File, d.Fact, schemas.GetValueOrDefault(d.File, SchemaTable.Empty)))];
    }
}

/// <summary>One document at base and head, matched by its repo-relative path.</summary>
public sealed record DocumentPair(DocumentVersion Base, DocumentVersion Head)
{
    public string File => Head.File;

    public static IReadOnlyList<DocumentPair> Match(IReadOnlyList<DocumentVersion> before, IReadOnlyList<DocumentVersion> after)
    {
        var heads = after.GroupBy(d => d.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. before.Where(b => heads.ContainsKey(b.File)).Select(b => new DocumentPair(b, heads[b.File])).OrderBy(p => p.File, StringComparer.Ordinal)];
    }
}
