using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Composes one repo's per-file facts into its surface: binds facts to repo and file, computes path keys and
/// stable ids, and sorts everything. Cheap, and re-run on every index.
/// </summary>
public static class RepoResolver
{
    public static RepoSurface Resolve(string repo, IReadOnlyList<IndexedFile> files)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Extractor, StringComparer.Ordinal).ToList();
        var endpoints = new List<(string File, string Key, EndpointFact Fact)>();
        var callSites = new List<CallSite>();
        var schemas = new List<NamedSchema>();
        var diagnostics = new List<FileDiagnostic>();
        foreach (var file in ordered)
        {
            foreach (var fact in file.Facts.Endpoints)
                endpoints.Add((file.Path, PathKey.FromTemplate((fact.BasePath ?? "") + "/" + fact.Path), fact));
            foreach (var (name, schema) in file.Facts.Schemas.Schemas)
                schemas.Add(new NamedSchema(file.Path, name, schema));
            var isTest = TestCode.IsTestPath(file.Path);
            var ordinal = 0;
            foreach (var call in file.Facts.CallSites.OrderBy(c => c.Line))
                callSites.Add(new CallSite($"{repo}:{file.Path}:{call.Line}:{++ordinal}", repo, file.Path, null, isTest, call));
            foreach (var diagnostic in file.Facts.Diagnostics)
                diagnostics.Add(new FileDiagnostic(repo, file.Path, file.Extractor, diagnostic));
        }
        return new RepoSurface(repo, BindEndpoints(repo, endpoints), callSites, schemas, diagnostics);
    }

    /// <summary>Id = repo:METHOD:pathkey; a second declaration of the same operation in the repo gets #2, #3... in file order.</summary>
    private static List<Endpoint> BindEndpoints(string repo, List<(string File, string Key, EndpointFact Fact)> endpoints)
    {
        var bound = new List<Endpoint>(endpoints.Count);
        foreach (var group in endpoints
                     .OrderBy(e => e.Key, StringComparer.Ordinal)
                     .ThenBy(e => e.Fact.Method, StringComparer.Ordinal)
                     .ThenBy(e => e.File, StringComparer.Ordinal)
                     .ThenBy(e => e.Fact.Line)
                     .GroupBy(e => (e.Key, e.Fact.Method)))
        {
            var n = 0;
            foreach (var (file, key, fact) in group)
            {
                var id = $"{repo}:{fact.Method}:{key}" + (++n > 1 ? $"#{n}" : "");
                bound.Add(new Endpoint(id, repo, file, key, fact));
            }
        }
        return bound;
    }
}
