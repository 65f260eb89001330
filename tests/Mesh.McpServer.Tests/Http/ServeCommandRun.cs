using System.Text;
using System.Text.RegularExpressions;

namespace Mesh.McpServer.Tests.Http;

/// <summary>
/// <c>mesh serve --http</c> run in-process through the CLI, as an operator starts it, with the address it prints on
/// stderr and a plain HttpClient to probe it; stopping it returns the exit code.
/// </summary>
public sealed partial class ServeCommandRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private ServeCommandRun(Task<int> run, CancellationTokenSource stop, Uri baseUri)
    {
        _run = run;
        _stop = stop;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    /// <summary>Runs <c>mesh serve --http</c> with <paramref name="args"/> and waits until it prints where it serves.</summary>
    public static async Task<ServeCommandRun> StartAsync(string[] args, Func<string, string?> environment)
    {
        var stderr = new SignallingWriter();
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => Cli.RunAsync(["serve", "--http", .. args], TextWriter.Null, stderr, stop.Token, environment));
        var first = await Task.WhenAny(stderr.Serving, run).WaitAsync(TimeSpan.FromSeconds(60));
        if (first == run) throw new InvalidOperationException($"mesh serve ended with {run.Result} before serving: {stderr}");
        // A wildcard bind prints 0.0.0.0 or [::]: connect over loopback.
        var port = new Uri(ServingUrl().Match(stderr.Serving.Result).Groups["url"].Value).Port;
        return new ServeCommandRun(run, stop, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Stops the server as Ctrl+C does; returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_run.IsCompleted) await StopAsync();
        _stop.Dispose();
    }

    [GeneratedRegex(@"serving MCP at (?<url>\S+)/mcp ")]
    private static partial Regex ServingUrl();

    /// <summary>Stderr that completes <see cref="Serving"/> with the line announcing the address.</summary>
    private sealed class SignallingWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource<string> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Serving => _serving.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
                if (_text.ToString().Split('\n').FirstOrDefault(l => ServingUrl().IsMatch(l)) is { } line) _serving.TrySetResult(line);
            }
        }

        public override string ToString()
        {
            lock (_text) return _text.ToString();
        }
    }
}
