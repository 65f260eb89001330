using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Finishes a repo's call sites: callers of wrapper functions become call sites (one level), and every call site
/// through a typed or named client gets that client's base address, config key or service name as its base hint.
/// </summary>
public static class CallSiteComposition
{
    public static IEnumerable<(string File, CallSiteFact Fact)> Compose(
        IReadOnlyList<(string File, CallSiteFact Fact)> callSites,
        IReadOnlyList<(string File, WrapperFact Fact)> wrappers,
        IReadOnlyList<(string File, CallCandidateFact Fact)> candidates,
        IReadOnlyList<ClientBindingFact> bindings)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var binding in bindings) hints.TryAdd(binding.ClientScope, binding.BaseHint);

        foreach (var (file, call) in callSites)
            yield return (file, WithHint(call, hints));

        var byName = wrappers.GroupBy(w => w.Fact.Function, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(w => w.Fact).ToList(), StringComparer.Ordinal);
        foreach (var (file, candidate) in candidates)
        {
            if (!byName.TryGetValue(candidate.Function, out var matches)) continue;
            var wrapper = matches.FirstOrDefault(w => w.Arity == candidate.Arguments.Count)
                ?? (matches.Count == 1 && matches[0].UrlArgument < candidate.Arguments.Count ? matches[0] : null);
            if (wrapper is null || wrapper.UrlArgument >= candidate.Arguments.Count) continue;
            var argument = candidate.Arguments[wrapper.UrlArgument];
            var method = wrapper.Method
                ?? (wrapper.MethodArgument is int index && index < candidate.Arguments.Count ? Method(candidate.Arguments[index]) : null);
            yield return (file, WithHint(new CallSiteFact
            {
                Client = wrapper.Client,
                Method = method,
                Url = (wrapper.UrlPrefix ?? "") + (argument ?? "{url}"),
                Line = candidate.Line,
                ClientScope = wrapper.ClientScope,
                ResponseSchema = candidate.ResponseSchema ?? wrapper.ResponseSchema,
                Via = wrapper.Function,
                Unresolved = argument is null ? $"the URL passed to {wrapper.Function} is not a constant" : null,
            }, hints));
        }
    }

    private static CallSiteFact WithHint(CallSiteFact call, Dictionary<string, string> hints) =>
        call.BaseHint is null && call.ClientScope is not null && hints.TryGetValue(call.ClientScope, out var hint) ? call with { BaseHint = hint } : call;

    /// <summary>"GET", "HttpMethod.Get" or "Get" as an upper-case method.</summary>
    private static string? Method(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var name = text.Trim().Split('.')[^1].ToUpperInvariant();
        return name is "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" ? name : null;
    }
}
