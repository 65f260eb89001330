using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mesh.McpServer.Http;

/// <summary>The bearer tokens a request may present, compared in constant time.</summary>
public sealed class BearerTokens
{
    private readonly byte[][] _tokens;

    public BearerTokens(IEnumerable<string> tokens) => _tokens = [.. tokens.Select(t => Encoding.UTF8.GetBytes(t))];

    public bool Required => _tokens.Length > 0;

    /// <summary>The index of the token the request presents (for rate-limit partitions), or null when it presents none that is valid.</summary>
    public int? Match(HttpRequest request) => Presented(request) is { } token ? MatchValue(token) : null;

    /// <summary>The token in the request's <c>Authorization: Bearer</c> header, valid or not; null without one.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    /// <summary>The index of the token equal to <paramref name="value"/>, or null.</summary>
    public int? MatchValue(string value)
    {
        var presented = Encoding.UTF8.GetBytes(value);
        int? found = null;
        // Every token is compared, whatever matched, so timing does not say which or how many there are.
        for (var i = 0; i < _tokens.Length; i++)
            if (CryptographicOperations.FixedTimeEquals(presented, _tokens[i])) found ??= i;
        return found;
    }

    /// <summary>Reads tokens from a file: one a line; blank lines and lines starting with '#' are skipped.</summary>
    public static IReadOnlyList<string> ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        // .NET's own messages repeat the path and call a folder "access denied": say once what is wrong.
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new Engine.MeshException($"the token file {path} does not exist; write one token a line into it (e.g. 'openssl rand -hex 32 > {path}')");
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw new Engine.MeshException($"the token file {path} is a folder, not a file of tokens (one a line)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new Engine.MeshException($"the token file {path} cannot be read by this user (permission denied)");
        }
        catch (IOException e)
        {
            throw new Engine.MeshException($"cannot read the token file {path}: {e.Message}");
        }
        var tokens = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (tokens.Count == 0) throw new Engine.MeshException($"the token file {path} holds no token (one a line; '#' starts a comment)");
        if (tokens.FirstOrDefault(t => t.Length < MinimumLength) is { } shortToken)
            throw new Engine.MeshException($"a token in {path} has {shortToken.Length} characters; use at least {MinimumLength} (e.g. 'openssl rand -hex 32')");
        return tokens;
    }

    public const int MinimumLength = 16;
}

/// <summary>
/// When tokens are configured, every request except <c>/healthz</c> must carry <c>Authorization: Bearer &lt;token&gt;</c>;
/// otherwise 401 with <c>WWW-Authenticate: Bearer</c>. A browser cannot send that header to open the service-graph
/// page, so a GET outside <c>/mcp</c> may present the token once as <c>?token=</c>: it is moved into an HttpOnly,
/// SameSite=Strict cookie that the page's later GETs carry (the MCP endpoint never accepts the cookie).
/// </summary>
public sealed class BearerTokenGuard(RequestDelegate next, BearerTokens tokens)
{
    public const string Cookie = "mesh_token";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!tokens.Required || request.Path.Equals(MeshHttpHost.HealthPath, StringComparison.Ordinal) || tokens.Match(request) is not null)
            return next(context);
        if (IsPageRequest(request))
        {
            if (request.Query["token"] is [{ } fromQuery] && tokens.MatchValue(fromQuery) is not null)
            {
                context.Response.Cookies.Append(Cookie, fromQuery, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/" });
                context.Response.Redirect(request.PathBase + request.Path + WithoutToken(request.Query));
                return Task.CompletedTask;
            }
            if (request.Cookies[Cookie] is { } fromCookie && tokens.MatchValue(fromCookie) is not null) return next(context);
        }
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"mesh\"";
        var presented = request.Headers.Authorization.Count > 0;
        return HttpErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
            presented ? "the bearer token is not valid" : "this server needs 'Authorization: Bearer <token>' (the token its operator set in MESH_TOKEN or --token-file); in a browser, open /?token=<token> once");
    }

    /// <summary>The page and its JSON API: reads by a browser, never the MCP endpoint.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments(MeshHttpHost.McpPath, StringComparison.Ordinal);

    private static string WithoutToken(IQueryCollection query)
    {
        var rest = query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        return rest.Count == 0 ? "" : "?" + string.Join('&', rest);
    }
}
