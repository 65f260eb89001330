using Microsoft.AspNetCore.Http;

namespace Mesh.McpServer.Http;

/// <summary>
/// DNS-rebinding defence the MCP SDK leaves to the host: a request whose <c>Origin</c> header is present and names
/// neither one of this server's host names (any port) nor an origin let in by <c>--allow-origin</c> gets 403.
/// Requests without <c>Origin</c> (agents, curl) are not browsers and pass.
/// </summary>
public sealed class OriginGuard(RequestDelegate next, IReadOnlyCollection<string> hostNames, IReadOnlyCollection<string> allowedOrigins)
{
    private readonly HashSet<string> _hosts = new(hostNames.Select(h => h.Trim('[', ']')), StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _origins = new(allowedOrigins.Select(Normalize).OfType<string>(), StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue("Origin", out var values)) return next(context);
        var origin = values.ToString();
        if (IsAllowed(origin)) return next(context);
        return HttpErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
            $"origin '{Truncate(origin)}' is not allowed; start the server with --allow-origin {Truncate(origin)} to let a page from it in");
    }

    public bool IsAllowed(string origin)
    {
        if (Normalize(origin) is not { } normalized) return false;
        if (_origins.Contains(normalized)) return true;
        var uri = new Uri(normalized);
        return _hosts.Contains(uri.Host.Trim('[', ']'));
    }

    /// <summary><c>scheme://host[:port]</c> as browsers send it, or null for anything else (including <c>null</c>).</summary>
    private static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0) return null;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
