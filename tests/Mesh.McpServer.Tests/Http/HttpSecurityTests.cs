using System.Net;
using System.Text;
using Mesh.Engine;
using Mesh.McpServer.Http;
using Mesh.Testing;

namespace Mesh.McpServer.Tests.Http;

public sealed class HttpSecurityTests : IDisposable
{
    private const string Token = "0123456789abcdef-team-token";
    private readonly TempWorkspace _workspace = new();

    public HttpSecurityTests() => ShopWorkspace.Create(_workspace);

    public void Dispose() => _workspace.Dispose();

    private static MeshHttpOptions Loopback => MeshHttpOptions.Loopback("http://127.0.0.1:0");

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403()
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback);
        foreach (var origin in new[] { "http://evil.example.com", "https://127.0.0.1.evil.example.com", "null", "file://" })
        {
            var response = await server.Http.SendAsync(MeshHttpServer.Initialize(origin: origin));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{origin}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Local_origins_and_allowed_ones_are_accepted()
    {
        var options = Loopback with { AllowedOrigins = ["https://tools.example.com"] };
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), options);
        foreach (var origin in new[] { $"http://127.0.0.1:{server.BaseUri.Port}", "http://localhost:3000", "http://[::1]:8080", "https://tools.example.com" })
        {
            var response = await server.Http.SendAsync(MeshHttpServer.Initialize(origin: origin));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{origin}: {response.StatusCode}");
        }
        var other = await server.Http.SendAsync(MeshHttpServer.Initialize(origin: "https://tools.example.com:8443"));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_host_header_not_allowed_is_refused()
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback);
        var rebound = await server.Http.SendAsync(MeshHttpServer.Initialize(host: $"evil.example.com:{server.BaseUri.Port}"));
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        var local = await server.Http.SendAsync(MeshHttpServer.Initialize(host: $"localhost:{server.BaseUri.Port}"));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Theory]
    [InlineData("HTTP/1.1", "Host: \r\n")]
    [InlineData("HTTP/1.0", "")]
    public async Task An_empty_or_missing_host_header_is_refused(string version, string hostLine)
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback);
        var body = Encoding.UTF8.GetBytes(MeshHttpServer.InitializeBody);
        var head = $"POST /mcp {version}\r\n{hostLine}Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" +
            $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray());

        var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.DoesNotContain("serverInfo", answer);
    }

    [Fact]
    public async Task An_allowed_host_name_is_accepted()
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback with { AllowedHosts = ["mesh.internal"] });
        var response = await server.Http.SendAsync(MeshHttpServer.Initialize(host: $"mesh.internal:{server.BaseUri.Port}", origin: "http://mesh.internal"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Serving_off_loopback_without_a_token_refuses_to_start()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(["serve", "--http", "--urls", "http://0.0.0.0:0", "--workspace", _workspace.Root], output, error,
            environment: _ => null);
        Assert.Equal(Cli.ToolFailed, code);
        Assert.Contains("bearer token is required", error.ToString());
        Assert.Contains("MESH_TOKEN", error.ToString());
        Assert.Throws<MeshException>(() => MeshHttpHost.Build(_workspace.OpenIndex(), MeshHttpOptions.Loopback("http://192.0.2.10:7780")));
    }

    [Fact]
    public async Task A_short_token_is_refused_at_start()
    {
        var error = new StringWriter();
        var code = await Cli.RunAsync(["serve", "--http", "--urls", "http://0.0.0.0:0", "--workspace", _workspace.Root], new StringWriter(), error,
            environment: name => name == "MESH_TOKEN" ? "short" : null);
        Assert.Equal(Cli.ToolFailed, code);
        Assert.Contains("at least 16", error.ToString());
    }

    [Fact]
    public async Task Serve_with_a_token_file_lets_in_its_tokens_and_no_other()
    {
        var tokenFile = Path.Combine(_workspace.Root, "tokens");
        File.WriteAllText(tokenFile, $"# team tokens\n{Token}\n");
        await using var serve = await ServeCommandRun.StartAsync(
            ["--urls", "http://0.0.0.0:0", "--token-file", tokenFile, "--workspace", _workspace.Root], environment: _ => null);

        var right = await serve.Http.SendAsync(MeshHttpServer.Initialize(token: Token));
        var wrong = await serve.Http.SendAsync(MeshHttpServer.Initialize(token: "not-the-token-in-the-file"));
        var none = await serve.Http.SendAsync(MeshHttpServer.Initialize());

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(Cli.Ok, await serve.StopAsync());
    }

    [Theory]
    [InlineData("missing", "the token file {0} does not exist")]
    [InlineData("folder", "the token file {0} is a folder, not a file of tokens")]
    [InlineData("empty", "the token file {0} holds no token")]
    [InlineData("comments only", "the token file {0} holds no token")]
    public async Task Serve_with_a_token_file_it_cannot_use_says_why_and_does_not_start(string state, string message)
    {
        var tokenFile = Path.Combine(_workspace.Root, "tokens");
        if (state == "folder") Directory.CreateDirectory(tokenFile);
        if (state == "empty") File.WriteAllText(tokenFile, "");
        if (state == "comments only") File.WriteAllText(tokenFile, "# the team token goes here\n\n");
        var error = new StringWriter();

        var code = await Cli.RunAsync(["serve", "--http", "--urls", "http://0.0.0.0:0", "--token-file", tokenFile, "--workspace", _workspace.Root],
            new StringWriter(), error, environment: name => name == "MESH_TOKEN" ? Token : null);

        Assert.Equal(Cli.ToolFailed, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("mesh: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, tokenFile), line);
        Assert.DoesNotContain("serving", line);
    }

    [Fact]
    public async Task Off_loopback_every_request_needs_the_right_token()
    {
        var options = MeshHttpOptions.Loopback("http://0.0.0.0:0") with { Tokens = [Token] };
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), options);

        var none = await server.Http.SendAsync(MeshHttpServer.Initialize());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        var wrong = await server.Http.SendAsync(MeshHttpServer.Initialize(token: Token + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var prefix = await server.Http.SendAsync(MeshHttpServer.Initialize(token: Token[..10]));
        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);

        var right = await server.Http.SendAsync(MeshHttpServer.Initialize(token: Token));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        await using var client = await server.ConnectAsync(token: Token);
        Assert.NotEmpty(await client.ListToolsAsync());
        await Assert.ThrowsAnyAsync<Exception>(async () => await (await server.ConnectAsync(token: "not-the-token-at-all")).DisposeAsync());
    }

    [Fact]
    public async Task A_token_set_on_loopback_is_required_too()
    {
        var tokenFile = Path.Combine(_workspace.Root, "tokens");
        File.WriteAllText(tokenFile, $"# team tokens\n{Token}\n\nsecond-token-for-ci-0000\n");
        var options = Loopback with { Tokens = BearerTokens.ReadFile(tokenFile) };
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), options);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.SendAsync(MeshHttpServer.Initialize())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(MeshHttpServer.Initialize(token: "second-token-for-ci-0000"))).StatusCode);
    }

    [Fact]
    public async Task A_session_answers_only_the_token_that_opened_it()
    {
        const string other = "second-token-for-ci-0000";
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback with { Tokens = [Token, other] });
        var opened = await server.Http.SendAsync(MeshHttpServer.Initialize(token: Token));
        var session = Assert.Single(opened.Headers.GetValues("Mcp-Session-Id"));

        var withOther = await server.Http.SendAsync(InSession(session, other, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}"""));
        var deleteWithOther = await server.Http.SendAsync(InSession(session, other, null));
        var withOpener = await server.Http.SendAsync(InSession(session, Token, """{"jsonrpc":"2.0","id":3,"method":"tools/list"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, withOther.StatusCode);
        Assert.Contains("opened with another bearer token", await withOther.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, deleteWithOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOpener.StatusCode);
        Assert.Contains("list_apis", await withOpener.Content.ReadAsStringAsync());
        var ownSession = await server.Http.SendAsync(MeshHttpServer.Initialize(token: other));
        Assert.Equal(HttpStatusCode.OK, ownSession.StatusCode);
    }

    /// <summary>A POST of <paramref name="body"/> in a session, or its DELETE when the body is null.</summary>
    private static HttpRequestMessage InSession(string session, string token, string? body)
    {
        var request = MeshHttpServer.Initialize(token: token, body: body ?? "{}");
        if (body is null)
        {
            request.Method = HttpMethod.Delete;
            request.Content = null;
        }
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        return request;
    }

    [Fact]
    public async Task A_browser_opens_the_graph_page_with_the_token_once_and_the_cookie_never_opens_mcp()
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback with { Tokens = [Token] });
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseUri };

        var anonymous = await browser.GetAsync("/api/graph");
        var wrong = await browser.GetAsync("/?token=not-the-token-at-all");
        var once = await browser.GetAsync($"/?token={Token}&base=HEAD");
        var page = await browser.GetAsync("/");
        var api = await browser.GetAsync("/api/graph");
        var mcp = await browser.SendAsync(MeshHttpServer.Initialize());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, once.StatusCode);
        Assert.Equal("/?base=HEAD", once.Headers.Location?.OriginalString);
        Assert.Contains("HttpOnly", string.Join(";", once.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Mesh · service graph", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_413()
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback with { MaxRequestBodyBytes = 4096 });
        var padding = new string('x', 8192);
        var body = MeshHttpServer.InitializeBody.Replace("\"name\":\"probe\"", $"\"name\":\"{padding}\"", StringComparison.Ordinal);

        // Expect: 100-continue lets the server refuse before the body is sent; without it, the refusal can race the
        // client's writes and reach it as a connection reset (which is also a refusal, but not a testable one).
        var tooLarge = MeshHttpServer.Initialize(body: body);
        tooLarge.Headers.ExpectContinue = true;
        var declared = await server.Http.SendAsync(tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        // Chunked: no Content-Length to check up front, so Kestrel's limit cuts it while it is read.
        var chunked = MeshHttpServer.Initialize();
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.ExpectContinue = true;
        var streamed = await server.Http.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.DoesNotContain(" at ", await streamed.Content.ReadAsStringAsync());

        var small = await server.Http.SendAsync(MeshHttpServer.Initialize());
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Too_many_requests_from_one_client_get_429_with_Retry_After()
    {
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), Loopback with { RequestsPerMinute = 3 });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("healthz")).StatusCode);
        var refused = await server.Http.SendAsync(MeshHttpServer.Initialize());
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task Each_token_has_its_own_rate_budget()
    {
        var options = Loopback with { Tokens = [Token, "second-token-for-ci-0000"], RequestsPerMinute = 2 };
        await using var server = await MeshHttpServer.StartAsync(_workspace.OpenIndex(), options);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(MeshHttpServer.Initialize(token: Token))).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await server.Http.SendAsync(MeshHttpServer.Initialize(token: Token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(MeshHttpServer.Initialize(token: "second-token-for-ci-0000"))).StatusCode);
    }
}
