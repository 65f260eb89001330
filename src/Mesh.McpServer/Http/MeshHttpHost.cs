using System.Threading.RateLimiting;
using Mesh.Engine;
using Mesh.Engine.Indexing;
using Mesh.McpServer.Graph;
using Mesh.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace Mesh.McpServer.Http;

/// <summary>
/// <c>mesh serve --http</c>: the MCP server over Streamable HTTP at <c>/mcp</c>, with the security the SDK leaves to its
/// host — Host and Origin checks, bearer tokens, body size and rate limits, errors without stack traces — and
/// <c>/healthz</c>. Build, then run; the routes are all in <see cref="MapEndpoints"/>.
/// </summary>
public static class MeshHttpHost
{
    public const string McpPath = "/mcp";
    public const string HealthPath = "/healthz";

    /// <summary>Builds the web application (not started); throws <see cref="MeshException"/> for a setup that must not run.</summary>
    public static WebApplication Build(WorkspaceIndex index, MeshHttpOptions options)
    {
        var binding = HttpBinding.Parse(options.Urls);
        var tokens = new BearerTokens(options.Tokens);
        if (!binding.IsLoopbackOnly && !tokens.Required)
            throw new MeshException(
                $"serving on {options.Urls} lets other machines connect, so a bearer token is required: set MESH_TOKEN or pass --token-file FILE " +
                "(e.g. 'openssl rand -hex 32 > token'), or bind to loopback (--urls http://127.0.0.1:7780)");
        if (options.MaxRequestBodyBytes <= 0) throw new MeshException($"--max-request-bytes must be positive, not {options.MaxRequestBodyBytes}");
        if (options.RequestsPerMinute < 0) throw new MeshException($"--rate-limit must be 0 (off) or a number of requests per minute, not {options.RequestsPerMinute}");
        var hostNames = binding.HostNames().Concat(options.AllowedHosts).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Kestrel and the host log a failed start with its stack trace; `mesh serve` says it in one sentence (ListenFailure).
        WebApplication? built = null;
        builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning &&
            !(IsStartFailureLog(category, level) && built?.Lifetime.ApplicationStarted.IsCancellationRequested != true));
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = hostNames;
            // The default lets a request without Host (HTTP/1.0) or with an empty one through: only known names pass.
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = false;
        });
        builder.Services.AddRateLimiter(limiter => ConfigureRateLimit(limiter, options.RequestsPerMinute, tokens));
        builder.Services.AddSingleton(index);
        builder.Services.AddMcpServer(MeshServer.Configure)
            .WithHttpTransport(http =>
            {
                // Sessions for initialize-handshake clients (progress, subscriptions); 2026-07-28 clients per request.
                http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
            })
            .WithMeshTools();

        var app = builder.Build();
        built = app;
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnhandledError, StatusCodeSelector = StatusOf });
        app.UseHostFiltering();
        app.UseMiddleware<OriginGuard>((IReadOnlyCollection<string>)hostNames, options.AllowedOrigins);
        app.UseMiddleware<RequestSizeGuard>(options.MaxRequestBodyBytes);
        if (options.RequestsPerMinute > 0) app.UseRateLimiter();
        app.UseMiddleware<BearerTokenGuard>(tokens);
        app.UseMiddleware<SessionTokenGuard>(tokens);
        MapEndpoints(app);
        return app;
    }

    /// <summary>Every route the HTTP server answers; pages and JSON APIs for people are added here too.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapMcp(McpPath);
        routes.MapGet(HealthPath, (WorkspaceIndex index) => Results.Json(Health.Of(index), HttpJson.Options));
        routes.MapServiceGraph();
    }

    private static bool IsStartFailureLog(string? category, LogLevel level) =>
        (level == LogLevel.Critical && category == "Microsoft.AspNetCore.Server.Kestrel") ||
        (level == LogLevel.Error && category == "Microsoft.Extensions.Hosting.Internal.Host");

    /// <summary>The addresses Kestrel listens on once started (with the real port when --urls asked for port 0).</summary>
    public static IReadOnlyList<string> ListeningUrls(WebApplication app) => [.. app.Urls];

    private static void ConfigureRateLimit(RateLimiterOptions limiter, int perMinute, BearerTokens tokens)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // One budget per token; requests without a valid one share their remote address's budget.
            var key = tokens.Match(context.Request) is { } token ? $"token:{token}" : $"ip:{context.Connection.RemoteIpAddress}";
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, perMinute),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
        limiter.OnRejected = (rejected, cancellationToken) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ValueTask(HttpErrors.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                $"too many requests from this client (limit {perMinute} a minute); retry after {seconds} s"));
        };
    }

    /// <summary>Kestrel reports a too-large body (and other bad requests) as an exception with its status: keep the status.</summary>
    private static int StatusOf(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static Task WriteUnhandledError(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is BadHttpRequestException bad)
            return HttpErrors.WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is too large" : "bad request");
        // The details went to the log (stderr); the client learns only that it was not its fault.
        return HttpErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error in mesh; the server log has the details");
    }
}
