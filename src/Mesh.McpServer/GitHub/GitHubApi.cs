using Mesh.Engine;
using Mesh.Engine.Sources;
using Octokit;

namespace Mesh.McpServer.GitHub;

/// <summary>Where GitHub's API is (github.com or an Enterprise server) and a client for it, with or without a token.</summary>
public static class GitHubApi
{
    /// <summary>The API URL from --github-api-url or GITHUB_API_URL; github.com's when neither is given.</summary>
    public static Uri Url(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return GitHubClient.GitHubApiUrl;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        throw new MeshException($"GitHub API URL '{text}' is not an http(s) URL; e.g. https://github.example.com/api/v3");
    }

    public static IGitHubClient Client(string? token, Uri apiUrl)
    {
        var client = new GitHubClient(new ProductHeaderValue("mesh", Tools.MeshServer.Version), apiUrl);
        if (!string.IsNullOrWhiteSpace(token)) client.Credentials = new Credentials(token);
        return client;
    }

    /// <summary>The token for git over https, given only to the web host that goes with the API (github.com for api.github.com).</summary>
    public static GitToken? GitToken(string? token, Uri apiUrl) =>
        string.IsNullOrWhiteSpace(token) ? null
            : new GitToken(apiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : apiUrl.Host, token);
}
