using Mesh.Engine.Model;

namespace Mesh.Engine.Linking;

/// <summary>
/// Spec-mediated links. A consumer written against an OpenAPI document reaches whichever service implements it, so when
/// every candidate of a call is one operation and the document describing it is shared — the same file committed in
/// several repos, or a contract (a spec whose repo does not serve it in code) that other repos serve in code — the call
/// links to each provider of the operation rather than being an ambiguous pick. A generated client that names its
/// operation id picks the operation among candidates of other documents or operations.
/// </summary>
internal static class SpecMediation
{
    /// <summary>The providers to link, why, how sure, and the spec operation each link goes through (null: the link is to the spec itself).</summary>
    public sealed record Decision(IReadOnlyList<Route> Providers, string Reason, double Score, string? Via);

    /// <summary>
    /// Which repos implement which OpenAPI document in code: a repo serving at least <see cref="ImplementedShare"/> of the
    /// document's operations (and no fewer than <see cref="ImplementedMinimum"/>) is an implementation of that contract,
    /// even when the document's own repo serves it too (a contract with a reference implementation). Sorted "document\nrepo".
    /// </summary>
    public static IReadOnlySet<string> Implementations(IEnumerable<LinkEndpoint> endpoints)
    {
        var byDocument = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var byRepo = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Where(e => e.Kind is null))
        {
            var operation = Route.Of(endpoint).Operation;
            if (endpoint.Source == EndpointSources.OpenApi)
            {
                if (endpoint.Document is { } document) Add(byDocument, document, operation);
            }
            else Add(byRepo, endpoint.Repo, operation);
        }
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (document, operations) in byDocument)
        {
            if (operations.Count < ImplementedMinimum) continue;
            foreach (var (repo, served) in byRepo)
                if (operations.Count(served.Contains) is var count && count >= ImplementedMinimum && count >= ImplementedShare * operations.Count)
                    result.Add(document + "\n" + repo);
        }
        return result;
    }

    private const double ImplementedShare = 0.8;
    private const int ImplementedMinimum = 3;

    private static void Add(Dictionary<string, HashSet<string>> index, string key, string operation)
    {
        if (!index.TryGetValue(key, out var set)) index[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(operation);
    }

    public static Decision? Decide(LinkCall call, IReadOnlyList<Route> candidates, IReadOnlySet<string>? implementations = null)
    {
        var routes = candidates;
        var narrowed = false;
        if (call.OperationId is { } named
            && candidates.Where(r => IsSpec(r) && SameOperationId(r.Endpoint.OperationId, named)).Select(r => r.Operation).ToHashSet() is { Count: > 0 } operations)
        {
            // The named operation's specs, and the code serving the same operation; specs of other operations drop out.
            routes = candidates.Where(r => IsSpec(r) ? SameOperationId(r.Endpoint.OperationId, named) : operations.Contains(r.Operation)).ToList();
            narrowed = routes.Count < candidates.Count;
        }
        if (routes.Count == 0 || routes.Any(r => r.Operation != routes[0].Operation)) return null;
        var specs = routes.Where(IsSpec).ToList();
        if (specs.Count == 0 || !OneDocument(specs)) return null;
        var code = routes.Where(r => !IsSpec(r)).ToList();
        var specRepos = specs.Select(r => r.Endpoint.Repo).ToHashSet(StringComparer.Ordinal);
        var codeRepos = code.Select(r => r.Endpoint.Repo).ToHashSet(StringComparer.Ordinal);
        // Or every other repo serving the operation implements the document as a whole (not one path that happens to agree).
        var implemented = implementations is not null && specs[0].Endpoint.Document is { } blob
            && codeRepos.Any(r => !specRepos.Contains(r)) && codeRepos.All(r => specRepos.Contains(r) || implementations.Contains(blob + "\n" + r));
        var shared = specRepos.Count > 1 || (specRepos.Any(r => !codeRepos.Contains(r)) && codeRepos.Any(r => !specRepos.Contains(r))) || implemented;
        if (!shared && !narrowed) return null;

        // Code serves the operation where there is code; otherwise the repos holding the document do, except the caller,
        // whose copy is the one its client was written from.
        var providers = (code.Count > 0 ? code : specs.Where(s => s.Endpoint.Repo != call.Repo)).OrderBy(r => r.Endpoint.Id, StringComparer.Ordinal).ToList();
        if (providers.Count == 0) return null;
        var providerRepos = providers.Select(r => r.Endpoint.Repo).Distinct().Order(StringComparer.Ordinal).ToList();
        // The document the call goes through: a contract's copy first, then the caller's own, then a provider's.
        var document = specs.OrderBy(s => providerRepos.Contains(s.Endpoint.Repo) ? 2 : s.Endpoint.Repo == call.Repo ? 1 : 0)
            .ThenBy(s => s.Endpoint.Id, StringComparer.Ordinal).First();
        var operation = document.Endpoint.OperationId is { } id ? $"operation {id}" : $"operation {document.Endpoint.Method} {document.Endpoint.Route}";
        var holders = string.Join(", ", specRepos.Order(StringComparer.Ordinal));
        var reason = $"spec-mediated: {operation} of the OpenAPI document in {holders}, served by {string.Join(", ", providerRepos)}"
            + (narrowed ? $"; the generated client names {call.OperationId}" : "");
        return new Decision(providers, reason, providerRepos.Count == 1 ? 0.85 : 0.8, code.Count > 0 ? document.Endpoint.Id : null);
    }

    private static bool IsSpec(Route route) => route.Endpoint.Source == EndpointSources.OpenApi;

    /// <summary>Copies of one document: the same blob everywhere, or the same operation id everywhere.</summary>
    private static bool OneDocument(List<Route> specs) =>
        (specs[0].Endpoint.Document is { } blob && specs.All(s => s.Endpoint.Document == blob))
        || (specs[0].Endpoint.OperationId is { } id && specs.All(s => SameOperationId(s.Endpoint.OperationId, id)));

    /// <summary>Generators change an operation id's case and separators (<c>get-order</c> → <c>getOrder</c>): compare letters and digits only.</summary>
    public static bool SameOperationId(string? a, string? b) => a is not null && b is not null && Letters(a) == Letters(b);

    private static string Letters(string text) => string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
