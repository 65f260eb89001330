using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mesh.McpServer.Http;

/// <summary>
/// Binds each MCP session (<c>Mcp-Session-Id</c>) to the bearer token that opened it: a request that names a session with
/// another valid token gets 403, so one token holder cannot act in a session another one opened. Runs after
/// <see cref="BearerTokenGuard"/>, only when tokens are required; what is kept is a SHA-256 of the token, never the token.
/// </summary>
public sealed class SessionTokenGuard(RequestDelegate next, BearerTokens tokens)
{
    public const string SessionHeader = "Mcp-Session-Id";

    private readonly ConcurrentDictionary<string, byte[]> _owners = new(StringComparer.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!tokens.Required || !request.Path.StartsWithSegments(MeshHttpHost.McpPath, StringComparison.Ordinal) || BearerTokens.Presented(request) is not { } token)
            return next(context);
        var owner = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var session = request.Headers[SessionHeader].ToString();
        if (session.Length == 0)
        {
            // A session is born in the answer to a request without one (initialize): bind it to this request's token.
            context.Response.OnStarting(() =>
            {
                if (context.Response.Headers[SessionHeader].ToString() is { Length: > 0 } opened) _owners.TryAdd(opened, owner);
                return Task.CompletedTask;
            });
            return next(context);
        }
        if (_owners.TryGetValue(session, out var expected) && !CryptographicOperations.FixedTimeEquals(expected, owner))
            return HttpErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
                "this MCP session was opened with another bearer token; a session answers only the token that opened it (initialize a session of your own)");
        if (HttpMethods.IsDelete(request.Method))
            context.Response.OnCompleted(() =>
            {
                if (context.Response.StatusCode is >= 200 and < 300) _owners.TryRemove(session, out _);
                return Task.CompletedTask;
            });
        return next(context);
    }
}
