namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// The security requirements in effect for an operation changed: a requirement (one way to authenticate) was added
/// or removed, or one of its OAuth scopes. Requirements are the same requirement when they name the same schemes.
/// A change the operation inherits from the document's global <c>security</c> is reported as a global one.
/// </summary>
public sealed class SecurityChanged : IEndpointRule
{
    public const string Added = "api-security-added";
    public const string Removed = "api-security-removed";
    public const string ScopeAdded = "api-security-scope-added";
    public const string ScopeRemoved = "api-security-scope-removed";
    public const string GlobalAdded = "api-global-security-added";
    public const string GlobalRemoved = "api-global-security-removed";
    public const string GlobalScopeAdded = "api-global-security-scope-added";
    public const string GlobalScopeRemoved = "api-global-security-scope-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Info),
        new(Removed, ChangeLevel.Info),
        new(ScopeAdded, ChangeLevel.Info),
        new(ScopeRemoved, ChangeLevel.Info),
        new(GlobalAdded, ChangeLevel.Info),
        new(GlobalRemoved, ChangeLevel.Info),
        new(GlobalScopeAdded, ChangeLevel.Info),
        new(GlobalScopeRemoved, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        var requirementsBefore = Requirements(before.Security);
        var requirementsAfter = Requirements(after.Security);
        var operation = $"{pair.Method} {pair.Path}";
        foreach (var requirement in requirementsBefore.Where(r => !requirementsAfter.ContainsKey(r.Key)).Select(r => r.Value))
            sink.Report(before.SecurityInherited ? GlobalRemoved : Removed, pair, "security", before.SecurityInherited
                ? $"global security requirement '{requirement.Text}' was removed; it applied to {operation}"
                : $"security requirement '{requirement.Text}' was removed from {operation}", requirement.Text);
        foreach (var requirement in requirementsAfter.Where(r => !requirementsBefore.ContainsKey(r.Key)).Select(r => r.Value))
            sink.Report(after.SecurityInherited ? GlobalAdded : Added, pair, "security", after.SecurityInherited
                ? $"global security requirement '{requirement.Text}' was added; it applies to {operation}"
                : $"security requirement '{requirement.Text}' was added to {operation}", after: requirement.Text);
        var global = before.SecurityInherited && after.SecurityInherited;
        foreach (var (key, requirementBefore) in requirementsBefore)
        {
            if (!requirementsAfter.TryGetValue(key, out var requirementAfter)) continue;
            foreach (var (scheme, scopesBefore) in requirementBefore.Scopes)
            {
                var scopesAfter = requirementAfter.Scopes[scheme];
                var where = global ? $"global security requirement '{requirementAfter.Text}' of {operation}" : $"security requirement '{requirementAfter.Text}' of {operation}";
                foreach (var scope in scopesBefore.Except(scopesAfter, StringComparer.Ordinal))
                    sink.Report(global ? GlobalScopeRemoved : ScopeRemoved, pair, $"security {scheme}", $"scope '{scope}' of scheme '{scheme}' was removed from the {where}", scope);
                foreach (var scope in scopesAfter.Except(scopesBefore, StringComparer.Ordinal))
                    sink.Report(global ? GlobalScopeAdded : ScopeAdded, pair, $"security {scheme}", $"scope '{scope}' of scheme '{scheme}' was added to the {where}", after: scope);
            }
        }
    }

    private sealed record Requirement(string Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Scopes);

    /// <summary>Requirements keyed by the names of their schemes, read from the text form of <see cref="Model.EndpointFact.Security"/>.</summary>
    private static Dictionary<string, Requirement> Requirements(IReadOnlyList<string>? security)
    {
        var result = new Dictionary<string, Requirement>(StringComparer.Ordinal);
        foreach (var text in security ?? [])
        {
            var scopes = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (text != "{}")
            {
                foreach (var scheme in text.Split(" + "))
                {
                    var open = scheme.IndexOf('[');
                    if (open < 0) scopes[scheme] = [];
                    else scopes[scheme[..open]] = scheme[(open + 1)..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                }
            }
            result.TryAdd(string.Join(" + ", scopes.Keys), new Requirement(text, scopes));
        }
        return result;
    }
}
