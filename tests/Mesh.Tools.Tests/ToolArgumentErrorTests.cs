using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools.Tests;

/// <summary>
/// The bad calls an outside probe made (issue 15): each gets an isError result — or, for a prompt, an invalid-params
/// error — that names the argument, says what was wrong and what is valid; never the SDK's "An error occurred invoking".
/// </summary>
public sealed class ToolArgumentErrorTests : ToolTestBase
{
    public static TheoryData<string, string, string> BadCalls => new()
    {
        { "diff_schema", """{}""", "diff_schema needs argument 'repo'; expected: the repo whose API changed" },
        { "diff_schema", """{"repo":null}""", "argument 'repo' must be text, not null" },
        { "diff_schema", """{"repo":"orders","head":""}""", "argument 'head' is empty" },
        { "diff_schema", """{"repo":"orders","head":"   "}""", "argument 'head' is blank" },
        { "diff_schema", """{"repo":"orders","base":""}""", "argument 'base' is empty" },
        { "diff_schema", """{"repo":"orders","base":"HEAD\u0000"}""", "argument 'base' is \"HEAD\\u0000\", which holds a control character (U+0000 at character 5)" },
        { "diff_schema", """{"repo":["orders"]}""", "argument 'repo' must be text, not an array of 1 item(s)" },
        { "diff_schema", """{"repo":"orders","min_level":3}""", "argument 'min_level' must be text or null, not the number 3" },
        { "list_apis", """{"limit":"10"}""", "argument 'limit' must be a whole number or null, not text \"10\"" },
        { "list_apis", """{"limit":2.5}""", "argument 'limit' must be a whole number, not 2.5" },
        { "list_apis", """{"limit":9007199254740992}""", "argument 'limit' is 9007199254740992, out of range; expected: page size, 1 to 200" },
        { "list_apis", """{"repos":"orders"}""", "list_apis has no argument \"repos\"; its arguments: repo, method, path, limit, cursor, view" },
        { "find_consumers", """{"include_tests":"yes"}""", "argument 'include_tests' must be true or false, not text \"yes\"" },
        { "find_consumers", """{"endpoint_id":{"id":"orders:GET:/orders"}}""", "argument 'endpoint_id' must be text or null, not an object" },
        { "propose_migration", """{"repo":"orders","verify":"true"}""", "argument 'verify' must be true or false" },
        { "reindex", """{"repo":"orders\tbilling"}""", "unknown repo 'orders\\tbilling'" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_argument_gets_an_error_naming_it_and_what_is_valid(string tool, string arguments, string message)
    {
        await using var mcp = await Connect();

        var result = await mcp.Client.CallToolAsync(tool, Arguments(arguments));

        Assert.True(result.IsError, Text(result));
        Assert.Contains(message, Text(result));
        Assert.DoesNotContain("An error occurred", Text(result));
        Structured(await Call(mcp.Client, "list_apis"));
    }

    [Fact]
    public async Task A_megabyte_id_is_reported_with_its_real_length()
    {
        await using var mcp = await Connect();
        var id = "orders:GET:/" + new string('x', 1_000_000 - 12);

        var result = await Call(mcp.Client, "find_consumers", new { endpoint_id = id });

        Assert.True(result.IsError);
        Assert.Contains("argument 'endpoint_id' has 1,000,000 characters, more than the 4,096 any argument may have", Text(result));
        Assert.True(Text(result).Length < 500, Text(result));
    }

    [Fact]
    public async Task An_unknown_long_id_is_quoted_by_its_start_and_real_length()
    {
        await using var mcp = await Connect();
        Structured(await Call(mcp.Client, "reindex"));

        var result = await Call(mcp.Client, "find_consumers", new { endpoint_id = "orders:GET:/" + new string('x', 3_988) });

        Assert.True(result.IsError);
        Assert.Contains("(4,000 characters)", Text(result));
    }

    [Fact]
    public async Task A_prompt_without_its_required_argument_is_an_invalid_params_error_naming_it()
    {
        await using var mcp = await Connect();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.GetPromptAsync("review_api_change").AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("prompt review_api_change needs argument 'repo'; expected: the repo whose API changed", error.Message);
    }

    [Theory]
    [InlineData("""{"repo":"orders","head":"HEAD\u0000"}""", "U+0000 at character 5")]
    [InlineData("""{"repo":"orders","base":""}""", "argument 'base' is empty")]
    [InlineData("""{"repo":"orders","branch":"main"}""", "prompt migrate_consumers has no argument \"branch\"")]
    public async Task A_prompt_with_a_bad_argument_is_an_invalid_params_error_naming_it(string arguments, string message)
    {
        await using var mcp = await Connect();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.GetPromptAsync("migrate_consumers", Arguments(arguments)).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(message, error.Message);
    }

    private static Dictionary<string, object?> Arguments(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(p => p.Key, p => (object?)p.Value);
}
