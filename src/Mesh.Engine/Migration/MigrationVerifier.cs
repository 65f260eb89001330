using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;

namespace Mesh.Engine.Migration;

/// <summary>Whether one consumer call, as its working tree reads now, fits the provider's contract at head.</summary>
public sealed record CallVerification(string CallSiteId, string Repo, string File, int Line, string? Method, string Url, string? Endpoint, bool Passes, IReadOnlyList<string> Problems);

public sealed record VerificationReport(string Provider, string Head, IReadOnlyList<CallVerification> Calls)
{
    public bool AllPass => Calls.All(c => c.Passes);

    public string Summary => Calls.Count == 0
        ? "no call to the provider was found in the consumers' working trees"
        : AllPass ? $"all {Calls.Count} call(s) to the provider fit its contract at head"
        : $"{Calls.Count(c => !c.Passes)} of {Calls.Count} call(s) to the provider do not fit its contract at head";
}

/// <summary>
/// Closes the migration loop with evidence: re-reads each consumer's working tree (through the fact cache), links
/// its calls against the provider's operations at head, and checks method, path, newly required parameters, the
/// request fields it sends and the response fields it reads.
/// </summary>
public static class MigrationVerifier
{
    public static VerificationReport Verify(WorkspaceIndex index, MigrationRequest request, CancellationToken cancellationToken = default)
    {
        var comparison = DiffQuery.Compare(index, new DiffRequest(request.Provider, request.Base, request.Head, request.WorkingTree, request.Options), cancellationToken);
        var provider = request.Provider;
        var head = comparison.Head.ToDictionary(e => e.Endpoint.Id, StringComparer.Ordinal);
        var before = comparison.Base.ToDictionary(e => e.Endpoint.Id, StringComparer.Ordinal);
        var newlyRequired = comparison.Report.Changes
            .Select(c => (Change: c, Site: c.Site ?? EditAdvice.ParameterSite(c.Location)))
            .Where(x => x.Site is { Part: SchemaPart.Parameter, ParameterIn: "query" } && (x.Change.Rule.Contains("became-required", StringComparison.Ordinal) || x.Change.Rule.StartsWith("new-required-", StringComparison.Ordinal)))
            .Select(x => (x.Change.EndpointId, x.Site!.ParameterName!)).ToHashSet();

        var inputs = index.Store.LoadLinkInputs();
        IReadOnlyList<CallSite> previouslyLinked;
        using (index.Reading()) previouslyLinked = comparison.BaseConsumers.Calls();
        var consumers = request.Consumer is { } only ? [index.Repo(only).Name]
            : comparison.Report.Changes.SelectMany(c => c.Affected).Select(a => a.Repo)
                .Concat(previouslyLinked.Select(c => c.Repo)).Where(r => r != provider).Distinct().Order(StringComparer.Ordinal).ToList();

        var endpoints = inputs.Endpoints.Where(e => e.Repo != provider)
            .Concat(comparison.Head.Select(e => new LinkEndpoint(e.Endpoint.Id, provider, e.Endpoint.Method,
                RoutePath.Join(e.Fact.BasePath ?? "", e.Fact.Path), e.Fact.Framework, e.Fact.Source, e.Fact.Kind)));
        var directory = new ServiceDirectory(inputs.Repos, index.Workspace.Services, inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
        var linker = new Linker(endpoints, directory, inputs.ProxyRoutes);

        var results = new List<CallVerification>();
        foreach (var consumer in consumers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var surface = index.SurfaceAt(consumer, null, workingTree: true, cancellationToken).Surface;
            var types = EndpointVersions.CodeTypes(surface.Schemas);
            var calls = surface.CallSites.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var linked = linker.Link(calls.Values.Select(c => new LinkCall(c.Id, c.Repo, c.Fact.Method, c.Fact.Url, c.Fact.BaseHint, c.Fact.Client, c.Fact.Unresolved, c.Fact.OperationId)));
            var toProvider = linked.Links.Where(l => head.ContainsKey(l.Endpoint))
                .GroupBy(l => l.CallSite, StringComparer.Ordinal).Select(g => g.OrderByDescending(l => l.Score).First());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var link in toProvider)
            {
                var call = calls[link.CallSite];
                seen.Add(call.Id);
                var problems = Problems(call, before.GetValueOrDefault(link.Endpoint), head[link.Endpoint], types, newlyRequired);
                results.Add(new CallVerification(call.Id, call.Repo, call.File, call.Line, call.Fact.Method, call.Fact.Url, link.Endpoint, problems.Count == 0, problems));
            }
            // A call that reached the provider before the change and reaches nothing of it now is the failure to report.
            var lost = linked.Unresolved.Select(u => calls[u.CallSite])
                .Where(c => previouslyLinked.Any(p => p.Repo == c.Repo && p.File == c.File && p.Fact.Url == c.Fact.Url));
            foreach (var call in lost.Where(c => seen.Add(c.Id)))
                results.Add(new CallVerification(call.Id, call.Repo, call.File, call.Line, call.Fact.Method, call.Fact.Url, null, false,
                    [$"{call.Fact.Method ?? "the call"} {call.Fact.Url} matches no operation of {provider} at {comparison.Report.Summary.Head}"]));
        }
        return new VerificationReport(provider, comparison.Report.Summary.Head,
            [.. results.OrderBy(r => r.Passes).ThenBy(r => r.Repo, StringComparer.Ordinal).ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line)]);
    }

    private static List<string> Problems(CallSite call, EndpointVersion? previous, EndpointVersion endpoint, SchemaTable types, HashSet<(string?, string)> newlyRequired)
    {
        var problems = new List<string>();
        var fact = endpoint.Fact;
        foreach (var parameter in fact.Parameters.Where(p => p is { In: "query", Required: true } && newlyRequired.Contains((endpoint.Endpoint.Id, p.Name))))
            if (!call.Fact.Url.Contains(parameter.Name + "=", StringComparison.Ordinal))
                problems.Add($"does not pass the now required query parameter '{parameter.Name}' in its URL");

        if (types.Resolve(call.Fact.RequestSchema) is { } sent && endpoint.Resolve(fact.RequestBody?.Schema) is { Required: { Count: > 0 } required } && sent.Properties is { Count: > 0 } sentProperties)
            foreach (var name in required.Where(r => !sentProperties.Keys.Any(k => string.Equals(k, r, StringComparison.OrdinalIgnoreCase))))
                problems.Add($"sends {call.Fact.RequestSchema!.Ref ?? "a body"} without the required property '{name}'");

        // Only fields the provider returned before and no longer returns count: a consumer type may carry extras of its own.
        var readFields = Fields(types, call.Fact.ResponseSchema);
        var returnedBefore = previous is null ? null : Fields(previous, SuccessSchema(previous.Fact));
        var returnedNow = Fields(endpoint, SuccessSchema(fact));
        if (readFields is not null && returnedBefore is not null && returnedNow is not null)
            foreach (var name in readFields.Where(k => Has(returnedBefore, k) && !Has(returnedNow, k)))
                problems.Add($"reads '{name}' through {call.Fact.ResponseSchema!.Ref ?? call.Fact.ResponseSchema.Items?.Ref ?? "its type"}, which the provider no longer returns");
        return problems;
    }

    private static ApiSchema? SuccessSchema(EndpointFact fact) => fact.Responses.FirstOrDefault(r => r.Status.StartsWith('2') && r.Schema is not null)?.Schema;

    /// <summary>Top-level property names of an object, or of an array's items; null when the shape is unknown.</summary>
    private static IReadOnlyCollection<string>? Fields(SchemaTable types, ApiSchema? schema)
    {
        var resolved = types.Resolve(schema);
        if (resolved?.Items is not null) resolved = types.Resolve(resolved.Items);
        return resolved?.Properties is { Count: > 0 } properties ? [.. properties.Keys] : null;
    }

    private static IReadOnlyCollection<string>? Fields(EndpointVersion version, ApiSchema? schema) => Fields(version.Schemas, schema);

    private static bool Has(IReadOnlyCollection<string> names, string name) => names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
