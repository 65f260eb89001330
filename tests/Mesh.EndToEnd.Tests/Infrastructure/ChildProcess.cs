using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Mesh.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real child process with piped stdin/stdout/stderr: stdout is read line by line, stderr is kept for failure
/// messages. Every wait is bounded; disposing kills the whole process tree if it is still running.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly List<string> _stdoutAll = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public string CommandLine { get; }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public IReadOnlyList<string> StdoutLines
    {
        get { lock (_stdoutAll) return [.. _stdoutAll]; }
    }

    public static ChildProcess Start(string command, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // No terminal tricks or colours from the children: they write for a program, not a person.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, $"{command} {string.Join(' ', info.ArgumentList)}");
        process.OutputDataReceived += (_, e) => child.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnStderr(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not start '{command}' ({e.Message}); the end-to-end tests need it on PATH", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end with the given stdin, bounded by a timeout.</summary>
    public static async Task<Completed> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout,
        string? stdin = null, string? workingDirectory = null)
    {
        await using var child = Start(command, arguments, workingDirectory);
        if (stdin is not null) await child.WriteAsync(stdin);
        child.CloseStdin();
        var exitCode = await child.WaitForExitAsync(timeout);
        return new Completed(child.CommandLine, exitCode, string.Join('\n', child.StdoutLines), child.Stderr);
    }

    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    public Task WriteLineAsync(string line) => WriteAsync(line + "\n");

    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>The next stdout line, or null at end of stream; throws with stderr attached after the timeout.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _stdoutLines.Reader.WaitToReadAsync(cts.Token) && _stdoutLines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no stdout line from '{CommandLine}' within {timeout.TotalSeconds:0} s.{Describe()}");
        }
    }

    /// <summary>Waits for exit and for both streams to close; kills the process and throws after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"'{CommandLine}' did not exit within {timeout.TotalSeconds:0} s and was killed.{Describe()}");
        }
        return _process.ExitCode;
    }

    /// <summary>Stdout and stderr so far, for assertion messages.</summary>
    public string Describe() =>
        $"\n--- stdout ---\n{string.Join('\n', StdoutLines)}\n--- stderr ---\n{Stderr}";

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            _stdoutLines.Writer.TryComplete();
            _stdoutClosed.TrySetResult();
            return;
        }
        lock (_stdoutAll) _stdoutAll.Add(line);
        _stdoutLines.Writer.TryWrite(line);
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            _stderrClosed.TrySetResult();
            return;
        }
        lock (_stderr) _stderr.AppendLine(line);
    }

    /// <summary>Kills the process tree now (SIGKILL on Linux: no handler, no flush, no clean-up runs).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Nothing more to do for a process that ignores SIGKILL; the test has its answer already.
        }
        _process.Dispose();
    }

    public sealed record Completed(string CommandLine, int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"'{CommandLine}' exited with {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }
}
