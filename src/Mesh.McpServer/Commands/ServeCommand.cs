using System.CommandLine;
using Mesh.Engine;
using Mesh.Engine.Indexing;
using Mesh.McpServer.Http;
using Mesh.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.McpServer.Commands;

public static class ServeCommand
{
    /// <summary>The environment variable holding the bearer token for <c>--http</c>.</summary>
    public const string TokenVariable = "MESH_TOKEN";

    public static Command Create(TextWriter error, Func<string, string?> environment)
    {
        var watch = new Option<bool>("--watch")
        {
            Description = "Re-index a repo's working tree when its files or git HEAD change (debounced); subscribed clients are notified",
        };
        var http = new Option<bool>("--http")
        {
            Description = $"Serve Streamable HTTP at /mcp instead of stdio (team mode); see --urls, {TokenVariable} and --token-file",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "With --http: where to listen, e.g. http://127.0.0.1:7780 (loopback, the default) or http://0.0.0.0:7780 (needs a token)",
            DefaultValueFactory = _ => MeshHttpOptions.DefaultUrls,
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = $"With --http: a file of bearer tokens, one a line; clients send 'Authorization: Bearer <token>' (or set {TokenVariable})",
        };
        var allowOrigin = new Option<string[]>("--allow-origin")
        {
            Description = "With --http: a browser origin (scheme://host[:port]) allowed besides this server's own host names; repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var allowHost = new Option<string[]>("--allow-host")
        {
            Description = "With --http: a Host header value (a DNS name clients use for this machine) allowed besides loopback and --urls; repeatable",
        };
        var maxRequestBytes = new Option<long>("--max-request-bytes")
        {
            Description = "With --http: larger request bodies are refused with 413",
            DefaultValueFactory = _ => MeshHttpOptions.DefaultMaxRequestBodyBytes,
        };
        var rateLimit = new Option<int>("--rate-limit")
        {
            Description = "With --http: requests a minute per client (token, or address without one); more get 429 with Retry-After; 0: off",
            DefaultValueFactory = _ => MeshHttpOptions.DefaultRequestsPerMinute,
        };
        var command = new Command("serve",
            "Run the MCP server: over stdio for one agent client (Claude Code, Cursor, VS Code), or with --http for a team; logs go to stderr")
        {
            watch, http, urls, tokenFile, allowOrigin, allowHost, maxRequestBytes, rateLimit,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Opened before the host starts, so a bad workspace fails fast with a clear message on stderr.
            var index = Cli.OpenIndex(parsed);
            if (!parsed.GetValue(http))
            {
                await ServeStdioAsync(index, parsed.GetValue(watch), cancellationToken);
                return Cli.Ok;
            }
            var options = new MeshHttpOptions(
                parsed.GetValue(urls)!,
                Tokens(parsed.GetValue(tokenFile), environment),
                parsed.GetValue(allowOrigin) ?? [],
                parsed.GetValue(allowHost) ?? [],
                parsed.GetValue(maxRequestBytes),
                parsed.GetValue(rateLimit));
            await ServeHttpAsync(index, options, parsed.GetValue(watch), error, cancellationToken);
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>
    /// One session over stdin/stdout, without the generic host: nothing here needs its configuration, lifetime or
    /// hosted services, and leaving it out answers the client's first request sooner.
    /// </summary>
    private static async Task ServeStdioAsync(WorkspaceIndex index, bool watch, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new StderrLoggerProvider(Console.Error, LogLevel.Warning)).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(index);
        services.AddMcpServer(MeshServer.Configure).WithStdioServerTransport().WithMeshTools();
        await using var provider = services.BuildServiceProvider();
        using var watcher = watch ? Watch(index, provider) : null;
        await provider.GetRequiredService<ModelContextProtocol.Server.McpServer>().RunAsync(cancellationToken);
    }

    private static async Task ServeHttpAsync(WorkspaceIndex index, MeshHttpOptions options, bool watch, TextWriter error, CancellationToken cancellationToken)
    {
        await using var app = MeshHttpHost.Build(index, options);
        using var watcher = watch ? Watch(index, app.Services) : null;
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (ListenFailure.Describe(e, options.Urls) is { } message)
        {
            throw new MeshException(message, e);
        }
        var token = options.Tokens.Count > 0 ? "bearer token required" : "no token: loopback only";
        foreach (var url in MeshHttpHost.ListeningUrls(app))
            await error.WriteLineAsync($"mesh: serving MCP at {url.TrimEnd('/')}{MeshHttpHost.McpPath} ({token}); health at {url.TrimEnd('/')}{MeshHttpHost.HealthPath}");
        await error.FlushAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Tokens from --token-file, else from MESH_TOKEN; none when neither is set.</summary>
    private static IReadOnlyList<string> Tokens(string? tokenFile, Func<string, string?> environment)
    {
        if (tokenFile is not null) return BearerTokens.ReadFile(tokenFile);
        if (environment(TokenVariable)?.Trim() is not { Length: > 0 } token) return [];
        if (token.Length < BearerTokens.MinimumLength)
            throw new MeshException($"{TokenVariable} has {token.Length} characters; use at least {BearerTokens.MinimumLength} (e.g. 'openssl rand -hex 32')");
        return [token];
    }

    private static WorkspaceWatcher Watch(WorkspaceIndex index, IServiceProvider services)
    {
        var watcher = new WorkspaceWatcher(index);
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("mesh.watch");
        watcher.Reindexed += (repo, _, failure) =>
        {
            if (failure is not null) log.LogWarning("re-index of {Repo} after a change failed: {Message}", repo, failure.Message);
        };
        return watcher;
    }
}
