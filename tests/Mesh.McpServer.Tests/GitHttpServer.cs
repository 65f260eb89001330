using System.Diagnostics;
using System.Net;
using System.Text;

namespace Mesh.McpServer.Tests;

/// <summary>
/// Serves the bare repositories under a folder over git's smart HTTP protocol, by running <c>git http-backend</c>
/// (git's own CGI program) per request, so clones go through libgit2's network transport as they would from GitHub.
/// Needs <c>git</c> on the PATH.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly LoopbackHttpListener _listener;
    private readonly string _root;

    public GitHttpServer(string root)
    {
        _root = root;
        // Each request runs git's CGI in its own process; requests are answered concurrently, as by a real server.
        _listener = new LoopbackHttpListener(AnswerAsync, concurrent: true);
    }

    /// <summary>The base URL: a bare repository <c>ROOT/orders.git</c> is at <c>{Url}orders.git</c>.</summary>
    public string Url => _listener.Url;

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = _root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = request.Url!.AbsolutePath;
        start.Environment["REQUEST_METHOD"] = request.HttpMethod;
        start.Environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.Headers["Git-Protocol"] is { } protocol) start.Environment["GIT_PROTOCOL"] = protocol;
        using var git = Process.Start(start)!;
        var stderr = git.StandardError.ReadToEndAsync();
        using var body = new MemoryStream();
        var copy = git.StandardOutput.BaseStream.CopyToAsync(body);
        await request.InputStream.CopyToAsync(git.StandardInput.BaseStream);
        git.StandardInput.Close();
        await copy;
        await git.WaitForExitAsync();
        await stderr;

        // CGI output: header lines, a blank line, then the body.
        var bytes = body.ToArray();
        var split = IndexOf(bytes, "\r\n\r\n"u8);
        var headerLength = split >= 0 ? split + 4 : 0;
        var response = context.Response;
        foreach (var line in Encoding.ASCII.GetString(bytes, 0, Math.Max(split, 0)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase)) response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) response.ContentType = value;
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) response.Headers[name] = value;
        }
        response.ContentLength64 = bytes.Length - headerLength;
        await response.OutputStream.WriteAsync(bytes.AsMemory(headerLength));
        response.Close();
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> pattern) => bytes.AsSpan().IndexOf(pattern);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
