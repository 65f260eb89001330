namespace Mesh.Engine.Model;

/// <summary>A named schema of a repo, scoped to the file that declares it.</summary>
public sealed record NamedSchema(string File, string Name, ApiSchema Schema);

/// <summary>Everything one repo provides and consumes at one revision, resolved across its files.</summary>
public sealed record RepoSurface(
    string Repo,
    IReadOnlyList<Endpoint> Endpoints,
    IReadOnlyList<CallSite> CallSites,
    IReadOnlyList<NamedSchema> Schemas,
    IReadOnlyList<FileDiagnostic> Diagnostics)
{
    /// <summary>The schema table an endpoint's references resolve against: the named schemas of its own file.</summary>
    public SchemaTable SchemasOf(string file) => new(
        Schemas.Where(s => s.File == file).ToDictionary(s => s.Name, s => s.Schema, StringComparer.Ordinal));
}
