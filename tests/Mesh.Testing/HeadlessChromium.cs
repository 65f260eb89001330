using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Testing;

/// <summary>
/// Debian's chromium, headless, driven over the Chrome DevTools protocol on a loopback port: navigate, evaluate
/// script, wait for a condition, take a screenshot. When chromium is missing, <c>eng/install-chromium.sh</c> installs it
/// (as root or with password-less sudo); when that is impossible, starting fails with the reason, never skips.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim Installing = new(1, 1);

    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _events = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = await ExecutableAsync(cancellationToken);
        var profile = new TempDirectory("mesh-chromium");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // --no-sandbox: chromium refuses to start as root (CI) with its sandbox on; the pages are our own.
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1400,900", $"--user-data-dir={profile.Path}", "about:blank",
        })
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (log) log.AppendLine(e.Data);
                const string marker = "DevTools listening on ";
                var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0) listening.TrySetResult(e.Data[(at + marker.Length)..].Trim());
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var exited = process.WaitForExitAsync(cancellationToken);
            if (await Task.WhenAny(listening.Task, exited, Task.Delay(CommandTimeout, cancellationToken)) != listening.Task)
            {
                string output;
                lock (log) output = log.ToString();
                throw new InvalidOperationException($"chromium did not open its DevTools port; it wrote:\n{output}");
            }
            await browser.AttachToPageAsync(new Uri(await listening.Task), cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event.</summary>
    public async Task NavigateAsync(string url, CancellationToken cancellationToken = default)
    {
        var loaded = _events.GetOrAdd("Page.loadEventFired", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var answer = await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancellationToken);
        if (answer["errorText"]?.GetValue<string>() is { Length: > 0 } error) throw new InvalidOperationException($"chromium could not open {url}: {error}");
        await loaded.Task.WaitAsync(CommandTimeout, cancellationToken);
        _events.TryRemove("Page.loadEventFired", out _);
    }

    /// <summary>The value of a script expression (awaited when it is a promise), as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, cancellationToken);
        if (answer["exceptionDetails"] is { } exception) throw new InvalidOperationException($"script failed: {expression}\n{exception.ToJsonString()}");
        return answer["result"]?["value"]?.DeepClone();
    }

    /// <summary>Polls a script condition until it is true; fails with the condition and <paramref name="describe"/>'s value when it never is.</summary>
    public async Task WaitUntilAsync(string condition, string describe = "document.body.outerHTML", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await EvaluateAsync($"Boolean({condition})", cancellationToken) is JsonValue value && value.GetValue<bool>()) return;
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"the page never satisfied `{condition}`; {describe} is:\n{await EvaluateAsync(describe, cancellationToken)}");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>A PNG of the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, cancellationToken);
        return Convert.FromBase64String(answer["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser may already be gone.
        }
        _socket.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already exited, or stuck: nothing more a test can do about it.
        }
        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The receive loop ends with the socket.
        }
        _process.Dispose();
        _profile.Dispose();
        _closing.Dispose();
    }

    private async Task AttachToPageAsync(Uri browserEndpoint, CancellationToken cancellationToken)
    {
        // The browser endpoint lists its targets over HTTP; the page opened with about:blank is the one to drive.
        using var http = new HttpClient { Timeout = CommandTimeout };
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://{browserEndpoint.Authority}/json/list"), cancellationToken))!.AsArray();
        var page = targets.FirstOrDefault(t => t?["type"]?.GetValue<string>() == "page")?["webSocketDebuggerUrl"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"chromium has no page target: {targets.ToJsonString()}");
        await _socket.ConnectAsync(new Uri(page), cancellationToken);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
        await SendAsync("Page.enable", new JsonObject(), cancellationToken);
        await SendAsync("Runtime.enable", new JsonObject(), cancellationToken);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
        var reply = await answer.Task.WaitAsync(CommandTimeout, cancellationToken);
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return reply["result"]?.AsObject() ?? [];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_closing.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var pending)) pending.TrySetResult(json);
                else if (json["method"]?.GetValue<string>() is { } name && _events.TryGetValue(name, out var waiting)) waiting.TrySetResult();
            }
        }
        finally
        {
            foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("chromium closed the DevTools connection"));
        }
    }

    /// <summary>chromium on PATH, installed by the repo's script when absent.</summary>
    private static async Task<string> ExecutableAsync(CancellationToken cancellationToken)
    {
        if (FindOnPath("chromium") is { } found) return found;
        await Installing.WaitAsync(cancellationToken);
        try
        {
            if (FindOnPath("chromium") is { } installed) return installed;
            var script = FindScript() ?? throw new InvalidOperationException("chromium is not installed and eng/install-chromium.sh was not found above " + AppContext.BaseDirectory);
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run bash for " + script);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(15), cancellationToken);
            if (process.ExitCode != 0 || FindOnPath("chromium") is not { } path)
                throw new InvalidOperationException($"chromium is not installed and {script} could not install it (exit {process.ExitCode}):\n{await error}{await output}");
            return path;
        }
        finally
        {
            Installing.Release();
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "eng", "install-chromium.sh");
            if (File.Exists(script)) return script;
        }
        return null;
    }
}
