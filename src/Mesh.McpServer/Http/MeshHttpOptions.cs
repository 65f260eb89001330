namespace Mesh.McpServer.Http;

/// <summary>How <c>mesh serve --http</c> listens and whom it lets in.</summary>
/// <param name="Urls">Where Kestrel binds, e.g. <c>http://127.0.0.1:7780</c> (port 0: any free port).</param>
/// <param name="Tokens">Bearer tokens a request may present; empty: none required (only allowed on loopback).</param>
/// <param name="AllowedOrigins">Browser origins let in besides the bound host and loopback (e.g. <c>https://tools.example.com</c>).</param>
/// <param name="AllowedHosts">Host header values let in besides loopback names and the bound host.</param>
/// <param name="MaxRequestBodyBytes">Larger request bodies are refused with 413.</param>
/// <param name="RequestsPerMinute">Per client (token, or remote address without one); 0: no limit.</param>
public sealed record MeshHttpOptions(
    string Urls,
    IReadOnlyList<string> Tokens,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedHosts,
    long MaxRequestBodyBytes = MeshHttpOptions.DefaultMaxRequestBodyBytes,
    int RequestsPerMinute = MeshHttpOptions.DefaultRequestsPerMinute)
{
    public const string DefaultUrls = "http://127.0.0.1:7780";
    public const long DefaultMaxRequestBodyBytes = 1L << 20;
    public const int DefaultRequestsPerMinute = 1200;

    public static MeshHttpOptions Loopback(string urls = DefaultUrls) => new(urls, [], [], []);
}
