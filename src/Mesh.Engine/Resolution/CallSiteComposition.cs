using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Finishes a repo's call sites: URL helpers of other files are evaluated in their URLs, callers of wrapper functions become call sites (one level), and every call site
/// through a typed or named client gets that client's base address, config key or service name as its base hint.
/// </summary>
public static class CallSiteComposition
{
    public static IEnumerable<(string File, CallSiteFact Fact)> Compose(
        IReadOnlyList<(string File, CallSiteFact Fact)> callSites,
        IReadOnlyList<(string File, WrapperFact Fact)> wrappers,
        IReadOnlyList<(string File, CallCandidateFact Fact)> candidates,
        IReadOnlyList<ClientBindingFact> bindings,
        UrlHelperCalls helpers)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var binding in bindings) hints.TryAdd(binding.ClientScope, binding.BaseHint);

        foreach (var (file, call) in callSites)
            yield return (file, WithHint(WithHelpers(call, helpers), hints));

        var byName = wrappers.GroupBy(w => w.Fact.Function, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(w => w.Fact).ToList(), StringComparer.Ordinal);
        foreach (var (file, written) in candidates)
        {
            // `requests.get(...)`: the member of that object, else any function of that name (a module's export, a method).
            if (!byName.TryGetValue(written.Function, out var matches)
                && !(written.Function.LastIndexOf('.') is var dot and > 0 && byName.TryGetValue(written.Function[(dot + 1)..], out matches)))
                continue;
            if (WithHelpers(written, helpers) is not { } candidate) continue;
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

    /// <summary>The call with the URL helpers of other files evaluated in its URL.</summary>
    private static CallSiteFact WithHelpers(CallSiteFact call, UrlHelperCalls helpers)
    {
        if (call.Helpers is null) return call;
        var url = helpers.Evaluate(call.Url, call.Helpers, out _);
        return call with { Url = url, Helpers = null, Unresolved = url.StartsWith('{') ? call.Unresolved : null };
    }

    /// <summary>
    /// The candidate with URL helpers of other files evaluated in its arguments; an argument built by a function that is
    /// no URL helper is unknown, and a candidate left with no URL-like argument is none.
    /// </summary>
    private static CallCandidateFact? WithHelpers(CallCandidateFact candidate, UrlHelperCalls helpers)
    {
        if (candidate.Helpers is null) return candidate;
        var arguments = new List<string?>();
        foreach (var argument in candidate.Arguments)
        {
            if (argument is null) { arguments.Add(null); continue; }
            var value = helpers.Evaluate(argument, candidate.Helpers, out var unknown);
            arguments.Add(unknown.Any(h => value.Contains(h, StringComparison.Ordinal)) ? null : value);
        }
        return arguments.Any(a => a is not null && (a.Contains('/') || a.Contains('{'))) ? candidate with { Arguments = arguments, Helpers = null } : null;
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
