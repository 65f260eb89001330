using System.Collections.Concurrent;
using System.Text.Json;
using CsCheck;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Mesh.Tools.Tests;

/// <summary>
/// Generated bad calls (CsCheck) over every tool and prompt and every argument the server declares: wrong JSON types,
/// missing required arguments, blank text, control characters, huge text, numbers that are fractional or out of range,
/// unknown argument names. Each must be refused with a message that names the argument and quotes at most a bounded
/// prefix of it with its real length — an isError result for a tool (never a JSON-RPC error, never the SDK's generic
/// text), an invalid-params error for a prompt — and the server answers the next call with the store unchanged.
/// </summary>
public sealed class GeneratedArgumentTests(ITestOutputHelper output) : ToolTestBase
{
    private const int ToolCases = 700;
    private const int PromptCases = 200;

    /// <summary>One generated bad call: its arguments, the argument it is about, what kind of bad it is.</summary>
    public sealed record BadCall(string Target, Dictionary<string, object?> Arguments, string Argument, string Kind, int? Length)
    {
        public override string ToString() =>
            $"{Target} {Kind} '{Argument}': {Suggestless(JsonSerializer.Serialize(Arguments))}";

        private static string Suggestless(string json) => json.Length <= 200 ? json : $"{json[..200]}... ({json.Length} characters)";
    }

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz_"], 1, 12];

    private static readonly Gen<string> ControlText = Gen.Select(Gen.String[Gen.Char["abcHEAD/~^0129"], 0, 12],
        Gen.OneOf(Gen.Char['\u0000', '\u001f'], Gen.Char['\u007f', '\u009f']), Gen.String[Gen.Char["abc"], 0, 4]).Select((a, c, b) => a + c + b);

    private static readonly Gen<string> Blank = Gen.String[Gen.Char[" \u00a0\u2003"], 0, 6];

    private static readonly Gen<int> HugeLength = Gen.Int[ArgumentCheck.MaxLength + 1, 1_100_000];

    [Fact]
    public async Task Generated_bad_arguments_of_every_tool_are_refused_naming_the_argument_and_the_server_keeps_serving()
    {
        await using var mcp = await Connect();
        Structured(await Call(mcp.Client, "reindex"));
        var before = Text(await Call(mcp.Client, "list_apis", new { limit = 200 }));
        var tools = (await mcp.Client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();
        var kinds = new ConcurrentDictionary<string, int>();
        var cases = 0;

        await Gen.OneOf([.. tools.Select(ToolCalls)]).SampleAsync(async call =>
        {
            var result = await mcp.Client.CallToolAsync(call.Target, call.Arguments);
            var text = Text(result);
            Assert.True(result.IsError == true, $"{call}: not refused: {Shown(text)}");
            Assert.DoesNotContain("An error occurred", text);
            Assert.DoesNotContain("internal error", text);
            Assert.True(text.Contains($"'{call.Argument}'") || text.Contains($"\"{call.Argument}\""), $"{call}: the error does not name the argument: {Shown(text)}");
            Bounded(call, text);
            Assert.NotEmpty(await mcp.Client.ListToolsAsync());
            Interlocked.Increment(ref cases);
            kinds.AddOrUpdate(call.Kind, 1, (_, n) => n + 1);
        }, iter: ToolCases, threads: 1);

        Assert.Equal(before, Text(await Call(mcp.Client, "list_apis", new { limit = 200 })));
        output.WriteLine($"{cases} generated tool calls over {tools.Count} tools and {tools.Sum(t => Properties(t).Count)} arguments, every one refused " +
            $"with an isError result naming its argument; by kind: {string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
    }

    [Fact]
    public async Task Generated_bad_arguments_of_every_prompt_are_invalid_params_naming_the_argument()
    {
        await using var mcp = await Connect();
        var prompts = (await mcp.Client.ListPromptsAsync()).Select(p => p.ProtocolPrompt).ToList();
        var kinds = new ConcurrentDictionary<string, int>();
        var cases = 0;

        await Gen.OneOf([.. prompts.Select(PromptCalls)]).SampleAsync(async call =>
        {
            var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.GetPromptAsync(call.Target, call.Arguments).AsTask());
            Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
            Assert.True(error.Message.Contains($"'{call.Argument}'") || error.Message.Contains($"\"{call.Argument}\""), $"{call}: {Shown(error.Message)}");
            Bounded(call, error.Message);
            Assert.NotEmpty(await mcp.Client.ListToolsAsync());
            Interlocked.Increment(ref cases);
            kinds.AddOrUpdate(call.Kind, 1, (_, n) => n + 1);
        }, iter: PromptCases, threads: 1);

        output.WriteLine($"{cases} generated prompt requests over {prompts.Count} prompts and {prompts.Sum(p => p.Arguments?.Count ?? 0)} arguments, every one " +
            $"an invalid-params error naming its argument; by kind: {string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
    }

    /// <summary>An error quotes at most a bounded prefix of the value, and gives a huge value's real length.</summary>
    private static void Bounded(BadCall call, string message)
    {
        Assert.True(message.Length < 1_000, $"{call}: an error of {message.Length} characters");
        if (call.Length is { } length) Assert.Contains($"{length:N0} characters", message);
    }

    private static Gen<BadCall> ToolCalls(Tool tool)
    {
        var properties = Properties(tool);
        var required = tool.InputSchema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var valid = required.ToDictionary(n => n, n => (object?)Valid(n));
        var gens = new List<Gen<BadCall>>
        {
            Word.Where(w => !properties.ContainsKey(w)).Select(w => With(tool.Name, valid, w, "unknown", "x")),
        };
        gens.AddRange(required.Select(n => Gen.Const(new BadCall(tool.Name, valid.Where(v => v.Key != n).ToDictionary(), n, "missing", null))));
        foreach (var (name, types) in properties)
        {
            gens.Add(WrongType(types).Select(v => With(tool.Name, valid, name, "wrong-type", v)));
            if (!types.Contains("string")) continue;
            gens.Add(Blank.Select(v => With(tool.Name, valid, name, "blank", v)));
            if (!RepositoryText.Contains(name)) gens.Add(ControlText.Select(v => With(tool.Name, valid, name, "control", v)));
            gens.Add(HugeLength.Select(n => With(tool.Name, valid, name, "huge", new string('a', n)) with { Length = n }));
        }
        foreach (var name in properties.Where(p => p.Value.Contains("integer")).Select(p => p.Key))
        {
            gens.Add(Gen.Double[-1e6, 1e6].Where(d => d != Math.Floor(d)).Select(d => With(tool.Name, valid, name, "fraction", (object)d)));
            gens.Add(Gen.OneOf(Gen.Long[(long)int.MaxValue + 1, long.MaxValue], Gen.Long[long.MinValue, (long)int.MinValue - 1])
                .Select(n => With(tool.Name, valid, name, "out-of-range", (object)n)));
            gens.Add(Gen.Int[1, 200].Select(n => With(tool.Name, valid, name, "number-as-text", n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        return Gen.OneOf([.. gens]);
    }

    /// <summary>Arguments whose values are repository text (an endpoint id, a route, a repo name): a repo may put any character there, so control characters are valid.</summary>
    private static readonly HashSet<string> RepositoryText = ["endpoint_id", "path", "repo", "consumer"];

    private static Gen<BadCall> PromptCalls(Prompt prompt)
    {
        var declared = (prompt.Arguments ?? []).ToList();
        var valid = declared.Where(a => a.Required == true).ToDictionary(a => a.Name, a => (object?)Valid(a.Name));
        var gens = new List<Gen<BadCall>>
        {
            Word.Where(w => declared.All(a => a.Name != w)).Select(w => With(prompt.Name, valid, w, "unknown", "x")),
        };
        gens.AddRange(declared.Where(a => a.Required == true)
            .Select(a => Gen.Const(new BadCall(prompt.Name, valid.Where(v => v.Key != a.Name).ToDictionary(), a.Name, "missing", null))));
        foreach (var name in declared.Select(a => a.Name))
        {
            gens.Add(WrongType(["string", "null"]).Select(v => With(prompt.Name, valid, name, "wrong-type", v)));
            gens.Add(Blank.Select(v => With(prompt.Name, valid, name, "blank", v)));
            if (!RepositoryText.Contains(name)) gens.Add(ControlText.Select(v => With(prompt.Name, valid, name, "control", v)));
            gens.Add(HugeLength.Select(n => With(prompt.Name, valid, name, "huge", new string('a', n)) with { Length = n }));
        }
        return Gen.OneOf([.. gens]);
    }

    /// <summary>A JSON value of a kind the argument does not take.</summary>
    private static Gen<object?> WrongType(IReadOnlyCollection<string> types)
    {
        var values = new List<Gen<object?>>();
        if (!types.Contains("string")) values.Add(Word.Select(w => (object?)w));
        if (!types.Contains("integer") && !types.Contains("number")) values.Add(Gen.Int.Select(n => (object?)n));
        if (!types.Contains("boolean")) values.Add(Gen.Bool.Select(b => (object?)b));
        if (!types.Contains("null")) values.Add(Gen.Const(0).Select(_ => (object?)null));
        values.Add(Word.Array[0, 3].Select(a => (object?)a));
        values.Add(Word.Select(w => (object?)new Dictionary<string, string> { [w] = w }));
        return Gen.OneOf([.. values]);
    }

    private static BadCall With(string target, Dictionary<string, object?> valid, string argument, string kind, object? value)
    {
        var arguments = new Dictionary<string, object?>(valid) { [argument] = value };
        return new BadCall(target, arguments, argument, kind, null);
    }

    private static Dictionary<string, IReadOnlyCollection<string>> Properties(Tool tool) =>
        tool.InputSchema.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyCollection<string>)(
            !p.Value.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
            : [type.GetString()!]));

    private static string Valid(string argument) => argument switch
    {
        "repo" => "orders",
        _ => throw new InvalidOperationException($"no valid value known for required argument '{argument}'"),
    };

    private static string Shown(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
