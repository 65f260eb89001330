namespace Mesh.Engine.Model;

/// <summary>
/// What an API description document declares outside its operations: its version, its security schemes, its
/// webhooks. Operations are <see cref="EndpointFact"/>s and component schemas the file's schema table.
/// </summary>
public sealed record ApiDocumentFact
{
    /// <summary><c>info.version</c> as written.</summary>
    public string? Version { get; init; }

    /// <summary>Security schemes by name (<c>components.securitySchemes</c>), sorted by name.</summary>
    public IReadOnlyList<SecuritySchemeFact> SecuritySchemes { get; init; } = [];

    /// <summary>Webhook names (OpenAPI 3.1 <c>webhooks</c>), sorted.</summary>
    public IReadOnlyList<string> Webhooks { get; init; } = [];
}

/// <summary>A security scheme: its type (<c>apiKey</c>, <c>http</c>, <c>oauth2</c>…) and, for OAuth 2, its flows sorted by kind.</summary>
public sealed record SecuritySchemeFact(string Name, string Type, IReadOnlyList<OAuthFlowFact>? Flows = null);

/// <summary>One OAuth 2 flow (<c>implicit</c>, <c>password</c>, <c>clientCredentials</c>, <c>authorizationCode</c>) with its URLs and scopes (name → description).</summary>
public sealed record OAuthFlowFact(string Kind, string? AuthorizationUrl, string? TokenUrl, IReadOnlyDictionary<string, string> Scopes);
