using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mesh.McpServer.Tests;

/// <summary>
/// A local stand-in for GitHub's REST API: the issue-comment endpoints a PR comment needs (list, create, update) and
/// the repository lists of organizations and users (paged as GitHub pages them, with Link headers), plus rate-limit
/// answers on demand. It keeps everything in memory and records every request, so tests see exactly what Mesh sent.
/// Never the real GitHub.
/// </summary>
public sealed partial class FakeGitHub : IAsyncDisposable
{
    private readonly LoopbackHttpListener _listener;
    private readonly Dictionary<long, JsonObject> _comments = [];
    private readonly Lock _gate = new();
    private long _nextId = 1000;
    private readonly Dictionary<string, Owner> _owners = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<RateLimit> _rateLimits = new();
    private long _nextRepoId = 5000;

    public FakeGitHub()
    {
        _listener = new LoopbackHttpListener(AnswerAsync, concurrent: false);
    }

    /// <summary>The API base URL to give Mesh (as GitHub Enterprise's would be).</summary>
    public string Url => _listener.Url;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Comments as they stand, by id.</summary>
    public IReadOnlyDictionary<long, string> Comments
    {
        get
        {
            lock (_gate) return _comments.ToDictionary(c => c.Key, c => c.Value["body"]!.GetValue<string>());
        }
    }

    /// <summary>Adds a comment someone else wrote, to see that Mesh leaves it alone.</summary>
    public void AddComment(string body)
    {
        lock (_gate) Store(body);
    }

    /// <summary>When set, requests without this token in their Authorization header get 401 Bad credentials.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Adds a repository to an organization (or, with <paramref name="user"/>, a user account), created on first use.</summary>
    public void AddRepo(string owner, string name, string cloneUrl, bool archived = false, bool fork = false, string[]? topics = null, bool user = false)
    {
        lock (_gate)
        {
            if (!_owners.TryGetValue(owner, out var account)) _owners[owner] = account = new Owner(user, []);
            var id = _nextRepoId++;
            account.Repos.Add(new JsonObject
            {
                ["id"] = id,
                ["node_id"] = $"R_{id}",
                ["name"] = name,
                ["full_name"] = $"{owner}/{name}",
                ["owner"] = new JsonObject { ["login"] = owner, ["id"] = 100, ["type"] = user ? "User" : "Organization" },
                ["private"] = false,
                ["html_url"] = $"https://github.example/{owner}/{name}",
                ["clone_url"] = cloneUrl,
                ["fork"] = fork,
                ["archived"] = archived,
                ["topics"] = new JsonArray([.. (topics ?? []).Select(t => (JsonNode)t)]),
                ["default_branch"] = "master",
                ["created_at"] = "2026-03-01T12:00:00Z",
                ["updated_at"] = "2026-03-01T12:00:00Z",
            });
        }
    }

    /// <summary>The next repository-list request is refused as rate-limited: 403 with x-ratelimit-remaining 0 and a reset, or 429 with Retry-After.</summary>
    public void RateLimitNext(TimeSpan resetIn, bool tooManyRequests = false)
    {
        lock (_gate) _rateLimits.Enqueue(new RateLimit(resetIn, tooManyRequests));
    }

    private sealed record Owner(bool IsUser, List<JsonObject> Repos);

    private sealed record RateLimit(TimeSpan ResetIn, bool TooManyRequests);

    private JsonObject Store(string body)
    {
        var id = _nextId++;
        var comment = new JsonObject
        {
            ["id"] = id,
            ["node_id"] = $"IC_{id}",
            ["url"] = $"{Url}repos/acme/orders/issues/comments/{id}",
            ["html_url"] = $"https://github.example/acme/orders/pull/7#issuecomment-{id}",
            ["body"] = body,
            ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["id"] = 41898282, ["type"] = "Bot" },
            ["created_at"] = "2026-03-01T12:00:00Z",
            ["updated_at"] = "2026-03-01T12:00:00Z",
            ["author_association"] = "NONE",
        };
        _comments[id] = comment;
        return comment;
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.InputStream, Encoding.UTF8).ReadToEndAsync();
        // GitHub Enterprise clients put the API under /api/v3; answer with or without it.
        var path = request.Url!.AbsolutePath;
        if (path.StartsWith("/api/v3/", StringComparison.Ordinal)) path = path["/api/v3".Length..];
        Requests.Enqueue(new RecordedRequest(request.HttpMethod, path, request.Url.AbsolutePath, request.Headers["Authorization"], body, request.Url.Query));

        var headers = new Dictionary<string, string>();
        var (status, answer) = RequiredToken is { } token && request.Headers["Authorization"]?.EndsWith($" {token}", StringComparison.Ordinal) != true
            ? (401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""")
            : Route(request.HttpMethod, path, body, System.Web.HttpUtility.ParseQueryString(request.Url.Query), headers);
        var bytes = Encoding.UTF8.GetBytes(answer);
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int Status, string Body) Route(string method, string path, string body, NameValueCollection query, Dictionary<string, string> headers)
    {
        lock (_gate)
        {
            if (RepoList().Match(path) is { Success: true } list && method == "GET")
                return Repos(list.Groups[1].Value == "users", list.Groups[2].Value, query, headers);
            if (IssueComments().Match(path) is { Success: true })
            {
                if (method == "GET") return (200, new JsonArray([.. _comments.Values.Select(c => (JsonNode)c.DeepClone())]).ToJsonString());
                if (method == "POST") return (201, Store(BodyOf(body)).ToJsonString());
            }
            if (Comment().Match(path) is { Success: true } match && method == "PATCH")
            {
                var id = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (!_comments.TryGetValue(id, out var comment)) return (404, """{"message":"Not Found"}""");
                comment["body"] = BodyOf(body);
                comment["updated_at"] = "2026-03-01T12:05:00Z";
                return (200, comment.ToJsonString());
            }
            return (404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");
        }
    }

    private (int Status, string Body) Repos(bool users, string login, NameValueCollection query, Dictionary<string, string> headers)
    {
        if (_rateLimits.TryDequeue(out var limit))
        {
            headers["X-RateLimit-Limit"] = "60";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.Add(limit.ResetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (!limit.TooManyRequests)
                return (403, """{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/rate-limit"}""");
            headers["Retry-After"] = Math.Ceiling(limit.ResetIn.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return (429, """{"message":"You have exceeded a secondary rate limit."}""");
        }
        // GitHub's /users/{login}/repos answers for organizations too; /orgs/{login}/repos only for organizations.
        if (!_owners.TryGetValue(login, out var owner) || (!users && owner.IsUser))
            return (404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");
        var size = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var perPage) ? perPage : 30;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var number) ? number : 1;
        if (page * size < owner.Repos.Count)
            headers["Link"] = $"<{Url}{(users ? "users" : "orgs")}/{login}/repos?page={page + 1}&per_page={size}>; rel=\"next\"";
        return (200, new JsonArray([.. owner.Repos.Skip((page - 1) * size).Take(size).Select(r => (JsonNode)r.DeepClone())]).ToJsonString());
    }

    private static string BodyOf(string json) => JsonNode.Parse(json)!["body"]!.GetValue<string>();

    [GeneratedRegex(@"^/(orgs|users)/([^/]+)/repos$")]
    private static partial Regex RepoList();

    [GeneratedRegex(@"^/repos/acme/orders/issues/7/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"^/repos/acme/orders/issues/comments/(\d+)$")]
    private static partial Regex Comment();

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}

/// <param name="Path">The API path, without the /api/v3 that GitHub Enterprise URLs carry.</param>
/// <param name="Query">The query string, with its '?' (or empty).</param>
public sealed record RecordedRequest(string Method, string Path, string RawPath, string? Authorization, string Body, string Query = "");
