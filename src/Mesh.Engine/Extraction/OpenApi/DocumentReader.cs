using Mesh.Engine.Model;
using Microsoft.OpenApi;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>Reads what a document declares outside its operations (see <see cref="ApiDocumentFact"/>).</summary>
internal static class DocumentReader
{
    public static ApiDocumentFact Read(OpenApiDocument document) => new()
    {
        Version = document.Info?.Version,
        SecuritySchemes = [.. (document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new SecuritySchemeFact(s.Key, TypeName(s.Value.Type), Flows(s.Value.Flows)))],
        Webhooks = [.. (document.Webhooks?.Keys ?? []).Order(StringComparer.Ordinal)],
    };

    private static string TypeName(SecuritySchemeType? type) => type switch
    {
        SecuritySchemeType.ApiKey => "apiKey",
        SecuritySchemeType.Http => "http",
        SecuritySchemeType.OAuth2 => "oauth2",
        SecuritySchemeType.OpenIdConnect => "openIdConnect",
        _ => type?.ToString() ?? "",
    };

    private static IReadOnlyList<OAuthFlowFact>? Flows(OpenApiOAuthFlows? flows)
    {
        if (flows is null) return null;
        var list = new List<OAuthFlowFact>();
        void Add(string kind, OpenApiOAuthFlow? flow)
        {
            if (flow is null) return;
            var scopes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, description) in flow.Scopes ?? new Dictionary<string, string>()) scopes[name] = description ?? "";
            list.Add(new OAuthFlowFact(kind, flow.AuthorizationUrl?.ToString(), flow.TokenUrl?.ToString(), scopes));
        }
        Add("authorizationCode", flows.AuthorizationCode);
        Add("clientCredentials", flows.ClientCredentials);
        Add("implicit", flows.Implicit);
        Add("password", flows.Password);
        return list;
    }
}
