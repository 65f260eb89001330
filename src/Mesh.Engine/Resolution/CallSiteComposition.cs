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
            // `requests.get(...)`: the member of that object, else any function of that name (a module's export, a method).
            if (!byName.TryGetValue(candidate.Function, out var matches)
                && !(candidate.Function.LastIndexOf('.') is var dot and > 0 && byName.TryGetValue(candidate.Function[(dot + 1)..], out matches)))
                continue;
            var wrapper = matches.FirstOrDefault(w => w.Arity == candidate.Arguments.Count)
                ?? (matches.Count == 1 && matches[0].UrlArgument < candidate.Arguments.Count ? matches[0] : null);
            if (wrapper is null || wrapper.UrlArgument >= candidate.Arguments.Count) continue;
            string? argument;
            if (wrapper.UrlProperty is { } urlProperty)
            {
                // An options-object wrapper is called with an object literal; anything else passes options built elsewhere.
                if (OptionsAt(candidate, wrapper.UrlArgument) is not { } passed) continue;
                argument = passed.GetValueOrDefault(urlProperty);
            }
            else argument = candidate.Arguments[wrapper.UrlArgument];
            var passedMethod = wrapper.MethodArgument is not int index ? null
                : wrapper.MethodProperty is { } methodProperty ? OptionsAt(candidate, index)?.GetValueOrDefault(methodProperty)
                : index < candidate.Arguments.Count ? candidate.Arguments[index] : null;
            var method = Method(passedMethod) ?? wrapper.Method;
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

    private static IReadOnlyDictionary<string, string>? OptionsAt(CallCandidateFact candidate, int index) =>
        candidate.Options is { } options && index < options.Count ? options[index] : null;

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
