using System.Globalization;
using System.Net;
using Octokit;

namespace Mesh.McpServer.GitHub;

/// <summary>Reads GitHub's rate-limit answers: a 403 or 429 that says when to come back (Retry-After, or x-ratelimit-remaining: 0 with x-ratelimit-reset).</summary>
public static class GitHubRateLimit
{
    /// <summary>When GitHub will answer again, if this error is its rate limit; null for any other error.</summary>
    public static DateTimeOffset? ResumeAt(ApiException error, DateTimeOffset now)
    {
        if (error.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)) return null;
        var headers = error.HttpResponse?.Headers;
        if (headers is null) return null;
        if (Header(headers, "Retry-After") is { } retryAfter && int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return now.AddSeconds(seconds);
        if (Header(headers, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
            return DateTimeOffset.FromUnixTimeSeconds(reset);
        return null;
    }

    // Octokit keeps header names as the server sent them; GitHub's casing has changed over the years.
    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
}
