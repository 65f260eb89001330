using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mesh.McpServer.Tests;

/// <summary>
/// A local stand-in for GitHub's REST API, just the issue-comment endpoints a PR comment needs: list, create, update.
/// It keeps comments in memory and records every request, so tests see exactly what Mesh sent. Never the real GitHub.
/// </summary>
public sealed partial class FakeGitHub : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Dictionary<long, JsonObject> _comments = [];
    private readonly Lock _gate = new();
    private long _nextId = 1000;

    public FakeGitHub()
    {
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The API base URL to give Mesh (as GitHub Enterprise's would be).</summary>
    public string Url { get; }

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

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.InputStream, Encoding.UTF8).ReadToEndAsync();
        // GitHub Enterprise clients put the API under /api/v3; answer with or without it.
        var path = request.Url!.AbsolutePath;
        if (path.StartsWith("/api/v3/", StringComparison.Ordinal)) path = path["/api/v3".Length..];
        Requests.Enqueue(new RecordedRequest(request.HttpMethod, path, request.Url.AbsolutePath, request.Headers["Authorization"], body));

        var (status, answer) = Route(request.HttpMethod, path, body);
        var bytes = Encoding.UTF8.GetBytes(answer);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int Status, string Body) Route(string method, string path, string body)
    {
        lock (_gate)
        {
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

    private static string BodyOf(string json) => JsonNode.Parse(json)!["body"]!.GetValue<string>();

    [GeneratedRegex(@"^/repos/acme/orders/issues/7/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"^/repos/acme/orders/issues/comments/(\d+)$")]
    private static partial Regex Comment();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

/// <param name="Path">The API path, without the /api/v3 that GitHub Enterprise URLs carry.</param>
public sealed record RecordedRequest(string Method, string Path, string RawPath, string? Authorization, string Body);
