using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A document's security schemes (<c>components.securitySchemes</c>) changed: one added, removed or of another type,
/// or an OAuth 2 flow's URLs or scopes changed. Operations that require a scheme report their own changes; these
/// are news about the schemes themselves.
/// </summary>
public sealed class SecurityComponentChanged : IDocumentRule
{
    public const string Added = "api-security-component-added";
    public const string Removed = "api-security-component-removed";
    public const string TypeChanged = "api-security-component-type-changed";
    public const string ScopeAdded = "api-security-component-oauth-scope-added";
    public const string ScopeRemoved = "api-security-component-oauth-scope-removed";
    public const string ScopeChanged = "api-security-component-oauth-scope-changed";
    public const string UrlChanged = "api-security-component-oauth-url-changed";
    public const string TokenUrlChanged = "api-security-component-oauth-token-url-changed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
        [.. ((string[])[Added, Removed, TypeChanged, ScopeAdded, ScopeRemoved, ScopeChanged, UrlChanged, TokenUrlChanged]).Select(id => new RuleInfo(id, ChangeLevel.Info))];

    public void Compare(DocumentPair pair, ChangeSink sink)
    {
        var before = pair.Base.Fact.SecuritySchemes.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var after = pair.Head.Fact.SecuritySchemes.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var (name, scheme) in before)
        {
            var where = $"components securitySchemes {name}";
            if (!after.TryGetValue(name, out var now))
            {
                sink.ReportDocument(Removed, pair, where, $"security scheme '{name}' was removed from {pair.File}", scheme.Type);
                continue;
            }
            if (scheme.Type != now.Type)
            {
                sink.ReportDocument(TypeChanged, pair, where, $"security scheme '{name}' changed type from {scheme.Type} to {now.Type}", scheme.Type, now.Type);
                continue;
            }
            CompareFlows(pair, sink, name, scheme.Flows ?? [], now.Flows ?? []);
        }
        foreach (var (name, scheme) in after.Where(s => !before.ContainsKey(s.Key)))
            sink.ReportDocument(Added, pair, $"components securitySchemes {name}", $"security scheme '{name}' ({scheme.Type}) was added to {pair.File}", after: scheme.Type);
    }

    private static void CompareFlows(DocumentPair pair, ChangeSink sink, string scheme, IReadOnlyList<OAuthFlowFact> before, IReadOnlyList<OAuthFlowFact> after)
    {
        foreach (var flow in before)
        {
            if (after.FirstOrDefault(f => f.Kind == flow.Kind) is not { } now) continue;
            var where = $"components securitySchemes {scheme} flows {flow.Kind}";
            var what = $"the {flow.Kind} flow of security scheme '{scheme}'";
            if (flow.AuthorizationUrl != now.AuthorizationUrl)
                sink.ReportDocument(UrlChanged, pair, where + " authorizationUrl", $"authorization URL of {what} changed from {flow.AuthorizationUrl ?? "none"} to {now.AuthorizationUrl ?? "none"}", flow.AuthorizationUrl, now.AuthorizationUrl);
            if (flow.TokenUrl != now.TokenUrl)
                sink.ReportDocument(TokenUrlChanged, pair, where + " tokenUrl", $"token URL of {what} changed from {flow.TokenUrl ?? "none"} to {now.TokenUrl ?? "none"}", flow.TokenUrl, now.TokenUrl);
            foreach (var (name, description) in flow.Scopes)
            {
                if (!now.Scopes.TryGetValue(name, out var described))
                    sink.ReportDocument(ScopeRemoved, pair, $"{where} scopes {name}", $"scope '{name}' was removed from {what}", name);
                else if (described != description)
                    sink.ReportDocument(ScopeChanged, pair, $"{where} scopes {name}", $"description of scope '{name}' of {what} changed", description, described);
            }
            foreach (var name in now.Scopes.Keys.Where(n => !flow.Scopes.ContainsKey(n)))
                sink.ReportDocument(ScopeAdded, pair, $"{where} scopes {name}", $"scope '{name}' was added to {what}", after: name);
        }
    }
}
