using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Composes one repo's per-file facts into its surface: mounts scope-relative routes (route groups, controllers,
/// routers, viewsets) at their prefixes, pairs calls on injected parameters with their client fixtures, expands wrapper
/// callers into call sites with their clients' base hints, keeps the code types that endpoints and calls reach, binds
/// everything to repo and file with path keys and stable ids, and sorts.
/// Cheap, and re-run on every index.
/// </summary>
public static class RepoResolver
{
    /// <summary>Bump when what resolution makes of the same facts changes (keys, ids, composition): stored repos are indexed again.</summary>
    public const int Version = 4;

    public static RepoSurface Resolve(string repo, IReadOnlyList<IndexedFile> files)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Extractor, StringComparer.Ordinal).ToList();
        var scopes = new ScopeNames(ordered.Select(f => f.Path));
        // Values other files hold (settings fields, imported constants) are filled in first: prefixes, routes and URLs use them.
        var values = new SymbolValues(ordered.Select(f => (f.Path, f.Facts.Values)), scopes);
        var facts = ordered.Select(f => (f.Path, Facts: values.Apply(f.Path, f.Facts))).ToList();
        var endpoints = RouteComposer.Compose(
                facts.SelectMany(f => f.Facts.Endpoints.Select(e => (f.Path, Fact: scopes.Canonical(e, f.Path))))
                    .Where(e => e.Fact is not null).Select(e => (e.Path, e.Fact!)).ToList(),
                facts.SelectMany(f => f.Facts.Mounts.Select(m => scopes.Canonical(m, f.Path))).ToList())
            .Select(e => (e.File, Key: PathKey.FromTemplate((e.Fact.BasePath ?? "") + "/" + e.Fact.Path), e.Fact))
            .ToList();

        var fixtureCalls = ClientFixtures.Resolve(
            facts.SelectMany(f => f.Facts.ClientFixtures.Select(x => (f.Path, x))).ToList(),
            facts.SelectMany(f => f.Facts.FixtureCalls.Select(c => (f.Path, c))).ToList());

        // Client scopes written relative to a file (an imported axios instance, an exported one) become repo-wide names too.
        var callSites = CallSiteComposition.Compose(
                facts.SelectMany(f => f.Facts.CallSites.Select(c => (f.Path, c))).Concat(fixtureCalls)
                    .Select(c => (c.Item1, c.Item2 with { ClientScope = scopes.Canonical(c.Item2.ClientScope, c.Item1) })).ToList(),
                facts.SelectMany(f => f.Facts.Wrappers.Select(w => (f.Path, w with { ClientScope = scopes.Canonical(w.ClientScope, f.Path) }))).ToList(),
                facts.SelectMany(f => f.Facts.CallCandidates.Select(c => (f.Path, c))).ToList(),
                facts.SelectMany(f => f.Facts.ClientBindings.Select(b => b with { ClientScope = scopes.Canonical(b.ClientScope, f.Path)! })).ToList(),
                new UrlHelperCalls(facts.SelectMany(f => f.Facts.UrlHelpers)))
            .GroupBy(c => c.File, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => BindCallSites(repo, g.Key, g.Select(c => c.Fact)))
            .ToList();

        var schemas = new List<NamedSchema>();
        var codeTypes = new List<NamedSchema>();
        foreach (var (path, fileFacts) in facts)
        {
            var fromDocument = fileFacts.Endpoints.Any(e => e.Source == EndpointSources.OpenApi);
            foreach (var (name, schema) in fileFacts.Schemas.Schemas)
            {
                if (fromDocument) schemas.Add(new NamedSchema(path, name, schema, EndpointSources.OpenApi));
                else codeTypes.Add(new NamedSchema(path, name, schema, EndpointSources.Code));
            }
        }
        var types = new Dictionary<string, ApiSchema>(StringComparer.Ordinal);
        foreach (var type in codeTypes) types.TryAdd(type.Name, type.Schema);
        endpoints = endpoints.Select(e => e with { Fact = ParameterBags.Expand(e.Fact, types) }).ToList();
        var roots = endpoints.Where(e => e.Fact.Source == EndpointSources.Code).SelectMany(e => e.Fact.Schemas().Cast<ApiSchema?>())
            .Concat(callSites.SelectMany(c => new[] { c.Fact.RequestSchema, c.Fact.ResponseSchema }));
        schemas.AddRange(CodeSchemas.Reachable(codeTypes, roots));

        var diagnostics = ordered.SelectMany(f => f.Facts.Diagnostics.Select(d => new FileDiagnostic(repo, f.Path, f.Extractor, d))).ToList();
        return new RepoSurface(repo, BindEndpoints(repo, endpoints), callSites,
            schemas.OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(), diagnostics)
        {
            ConfigValues = facts.SelectMany(f => f.Facts.ConfigValues.Select(c => (f.Path, c))).ToList(),
            ProxyRoutes = facts.SelectMany(f => f.Facts.ProxyRoutes.Select(r => (f.Path, r))).ToList(),
            Services = facts.SelectMany(f => f.Facts.Services.Select(d => (f.Path, d))).ToList(),
            Documents = facts.Where(f => f.Facts.Document is not null).Select(f => (f.Path, f.Facts.Document!)).ToList(),
        };
    }

    private static IEnumerable<CallSite> BindCallSites(string repo, string file, IEnumerable<CallSiteFact> calls)
    {
        var isTest = TestCode.IsTestPath(file);
        var ordinal = 0;
        foreach (var call in calls.OrderBy(c => c.Line).ThenBy(c => c.Url, StringComparer.Ordinal))
            yield return new CallSite($"{repo}:{file}:{call.Line}:{++ordinal}", repo, file, null, isTest || call.Test, call);
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
                     .ThenBy(e => e.Fact.Path, StringComparer.Ordinal)
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
