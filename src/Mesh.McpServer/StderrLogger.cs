using Microsoft.Extensions.Logging;

namespace Mesh.McpServer;

/// <summary>
/// Writes log entries at or above a level to stderr, one entry a line (stdout carries the MCP protocol). Written by hand:
/// the console provider's options, formatters and queue thread cost the stdio server start-up time for a few warnings.
/// </summary>
public sealed class StderrLoggerProvider(TextWriter error, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    private LogLevel Minimum { get; } = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var text = $"{Label(level)}: {category}: {message}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}";
        lock (_gate)
        {
            error.WriteLine(text.ReplaceLineEndings(" "));
            error.Flush();
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
