using Microsoft.Extensions.Logging;

namespace Mesh.McpServer.Tests;

public sealed class StderrLoggerTests
{
    [Fact]
    public void Entries_below_the_level_are_dropped_and_each_entry_is_one_line()
    {
        var error = new StringWriter();
        using var provider = new StderrLoggerProvider(error, LogLevel.Warning);
        var log = provider.CreateLogger("mesh.watch");

        log.LogInformation("not shown");
        log.LogWarning("re-index of {Repo} failed:\nline two", "orders");
        log.LogError(new IOException("disk full"), "write failed");

        Assert.False(log.IsEnabled(LogLevel.Information));
        Assert.Equal(
            ["warn: mesh.watch: re-index of orders failed: line two", "fail: mesh.watch: write failed (IOException: disk full)"],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
