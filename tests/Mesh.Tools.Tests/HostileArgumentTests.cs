using System.Diagnostics;
using System.Text.Json;
using Mesh.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Mesh.Tools.Tests;

/// <summary>
/// Every string argument of every tool, as the tools list declares them, given SQL metacharacters, paths that try to
/// leave the workspace (plain, absolute, URL-encoded), refs that do not exist and oversized text: each call answers
/// (an isError result that says what is wrong, or a normal result) in bounded time, the store is untouched, and the
/// server keeps serving.
/// </summary>
public sealed class HostileArgumentTests(ITestOutputHelper output) : ToolTestBase
{
    private static readonly string[] Hostile =
    [
        "'; DROP TABLE endpoints; --",
        "\" OR 1=1 --",
        "orders' OR '1'='1",
        "%",
        "_",
        "\\",
        "*",
        "../../../../etc/passwd",
        "/etc/passwd",
        "..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/etc",
        "..\\..\\windows\\system32",
        "orders/../../..",
        "file:///etc/passwd",
        "HEAD~99999",
        "--upload-pack=touch /tmp/mesh-pwned",
        "refs/heads/../../config",
        "a\u0000b",
        new string('x', 100_000),
    ];

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hostile_text_in_every_string_argument_of_every_tool_is_answered_and_the_server_keeps_serving()
    {
        await using var mcp = await Connect();
        Structured(await Call(mcp.Client, "reindex"));
        var before = Structured(await Call(mcp.Client, "list_apis")).GetProperty("total").GetInt32();
        var tools = await mcp.Client.ListToolsAsync();
        var calls = 0;
        var errors = 0;

        foreach (var tool in tools)
        {
            var schema = tool.ProtocolTool.InputSchema;
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
            var strings = schema.GetProperty("properties").EnumerateObject()
                .Where(p => p.Value.TryGetProperty("type", out var type) && TypeNames(type).Contains("string")).Select(p => p.Name).ToList();
            foreach (var argument in strings)
            {
                foreach (var value in Hostile)
                {
                    var arguments = required.Where(n => n != argument).ToDictionary(n => n, n => (object?)Valid(n));
                    arguments[argument] = value;
                    var clock = Stopwatch.StartNew();
                    var result = await mcp.Client.CallToolAsync(tool.Name, arguments);
                    calls++;
                    var text = Text(result);
                    var shown = value.Length > 40 ? value[..40] + "..." : value;
                    Assert.True(clock.Elapsed < Bound, $"{tool.Name}({argument}: {shown}) took {clock.Elapsed.TotalSeconds:0.0} s");
                    Assert.DoesNotContain("   at ", text);
                    Assert.DoesNotContain("internal error", text, StringComparison.OrdinalIgnoreCase);
                    if (result.IsError == true)
                    {
                        errors++;
                        Assert.False(string.IsNullOrWhiteSpace(text), $"{tool.Name}({argument}: {shown}) is an error without a message");
                        Assert.True(text.Length < 2_000, $"{tool.Name}({argument}: {shown}) answered an error of {text.Length} characters");
                        output.WriteLine($"{tool.Name}({argument}: {shown}) -> {text}");
                    }
                }
            }
        }

        Assert.False(File.Exists("/tmp/mesh-pwned"), "a ref argument reached a git command line");
        var after = Structured(await Call(mcp.Client, "list_apis"));
        Assert.Equal(before, after.GetProperty("total").GetInt32());
        Assert.Equal(["billing", "orders"], after.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("repo").GetString()).Distinct());
        output.WriteLine($"{calls} calls, {errors} isError results; heap after: {GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MB");
        Assert.True(calls > 50, $"only {calls} calls: the tools list declared fewer string arguments than expected");
    }

    [Theory]
    [InlineData("mesh://repos/..%2f..%2fetc/apis")]
    [InlineData("mesh://repos/../../etc/passwd/apis")]
    [InlineData("mesh://repos/%2e%2e/context.md")]
    [InlineData("mesh://repos/orders'%20OR%201=1--/apis")]
    public async Task Resource_uris_that_try_to_escape_are_refused_and_the_next_read_succeeds(string uri)
    {
        await using var mcp = await Connect();
        Structured(await Call(mcp.Client, "reindex"));

        var error = await Assert.ThrowsAnyAsync<McpException>(() => mcp.Client.ReadResourceAsync(uri).AsTask());

        Assert.DoesNotContain("root:", error.Message);
        var next = await mcp.Client.ReadResourceAsync("mesh://repos/orders/apis");
        Assert.Contains("/orders/{id}", Assert.IsType<TextResourceContents>(Assert.Single(next.Contents)).Text);
    }

    private static IEnumerable<string?> TypeNames(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()) : [type.GetString()];

    private static string Valid(string argument) => argument switch
    {
        "repo" => "orders",
        _ => throw new InvalidOperationException($"no valid value known for required argument '{argument}'"),
    };
}
