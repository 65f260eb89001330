using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.DocumentSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class SecurityComponentChangedTests
{
    private static string Schemes(string schemes) => Orders("components:\n  securitySchemes:\n" + string.Concat(schemes.Split('\n').Select(l => "    " + l + "\n")));

    private static string OAuth(string authorizationUrl = "https://auth.example.com/authorize", string tokenUrl = "https://auth.example.com/token", string scopes = "'orders:read': read orders") =>
        Schemes($"oauth:\n  type: oauth2\n  flows:\n    authorizationCode:\n      authorizationUrl: {authorizationUrl}\n      tokenUrl: {tokenUrl}\n      scopes: {{ {scopes} }}");

    private static IReadOnlyList<(string, ChangeLevel)> Found(string before, string after) => [.. Run(before, after).Select(c => (c.Rule, c.Level))];

    [Fact]
    public void Schemes_added_removed_or_of_another_type_are_news()
    {
        Assert.Equal([(SecurityComponentChanged.Added, ChangeLevel.Info)], Found(Orders(), Schemes("key: { type: apiKey, in: header, name: X-Key }")));
        Assert.Equal([(SecurityComponentChanged.Removed, ChangeLevel.Info)], Found(Schemes("key: { type: apiKey, in: header, name: X-Key }"), Orders()));
        Assert.Equal([(SecurityComponentChanged.TypeChanged, ChangeLevel.Info)], Found(Schemes("key: { type: apiKey, in: header, name: X-Key }"), Schemes("key: { type: http, scheme: bearer }")));
    }

    [Fact]
    public void OAuth_flow_urls_have_their_own_ids()
    {
        Assert.Equal([(SecurityComponentChanged.UrlChanged, ChangeLevel.Info)], Found(OAuth(), OAuth(authorizationUrl: "https://login.example.com/authorize")));
        Assert.Equal([(SecurityComponentChanged.TokenUrlChanged, ChangeLevel.Info)], Found(OAuth(), OAuth(tokenUrl: "https://login.example.com/token")));
    }

    [Fact]
    public void OAuth_scopes_added_removed_or_redescribed_are_news()
    {
        Assert.Equal([(SecurityComponentChanged.ScopeAdded, ChangeLevel.Info)], Found(OAuth(), OAuth(scopes: "'orders:read': read orders, 'orders:write': write orders")));
        Assert.Equal([(SecurityComponentChanged.ScopeRemoved, ChangeLevel.Info)], Found(OAuth(scopes: "'orders:read': read orders, 'orders:write': write orders"), OAuth()));
        var changed = Assert.Single(Run(OAuth(), OAuth(scopes: "'orders:read': read all orders")));
        Assert.Equal((SecurityComponentChanged.ScopeChanged, "read orders", "read all orders"), (changed.Rule, changed.Before, changed.After));
    }
}
