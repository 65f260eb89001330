using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mesh.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

/// <summary>
/// Checks a call's arguments against what its tool or prompt declares, before the SDK binds them: the SDK's binder throws
/// on a wrong JSON type, a missing or null required argument, and answers only "An error occurred invoking". Here each
/// problem gets a message naming the argument, what was wrong and what is valid — an isError result for a tool, an
/// invalid-params error for a prompt — and anything a tool still throws becomes an isError result too.
/// </summary>
public static class ArgumentCheck
{
    /// <summary>The longest text any argument of Mesh's takes (ids, revisions, paths, cursors are all far shorter).</summary>
    public const int MaxLength = 4096;

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Tools(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var name = context.Params?.Name ?? "?";
            if (context.MatchedPrimitive is McpServerTool tool && ToolProblem(tool.ProtocolTool, context.Params?.Arguments) is { } problem)
                return ToolResults.Error(problem);
            try
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (MeshException e)
            {
                return ToolResults.Error(e.Message);
            }
            catch (Exception e) when (e is not (OperationCanceledException or McpException or OutOfMemoryException))
            {
                Log(context.Services, e, name);
                return ToolResults.Error($"internal error in mesh while running {name} (a bug, not a problem with the arguments); the server log has the details");
            }
        };

    public static McpRequestHandler<GetPromptRequestParams, GetPromptResult> Prompts(McpRequestHandler<GetPromptRequestParams, GetPromptResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is McpServerPrompt prompt && PromptProblem(prompt.ProtocolPrompt, context.Params?.Arguments) is { } problem)
                throw new McpProtocolException(problem, McpErrorCode.InvalidParams);
            try
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (MeshException e)
            {
                throw new McpProtocolException(Suggest.Bounded(e.Message), McpErrorCode.InvalidParams);
            }
        };

    /// <summary>What is wrong with a tool call's arguments, or null when each one fits the tool's input schema.</summary>
    public static string? ToolProblem(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        var schema = tool.InputSchema;
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal)
            : [];
        arguments ??= new Dictionary<string, JsonElement>();
        foreach (var name in arguments.Keys.Order(StringComparer.Ordinal))
            if (!properties.ContainsKey(name))
                return $"{tool.Name} has no argument {Quote(name)}; its arguments: {string.Join(", ", properties.Keys)}";
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!arguments.ContainsKey(name))
                    return $"{tool.Name} needs argument '{name}'; expected: {Expected(properties[name])}";
        foreach (var (name, property) in properties)
            if (arguments.TryGetValue(name, out var value) && ValueProblem(name, value, Types(property)) is { } problem)
                return $"{problem}; expected: {Expected(property)}";
        return null;
    }

    /// <summary>What is wrong with a prompt's arguments (all text, by the protocol), or null.</summary>
    public static string? PromptProblem(Prompt prompt, IDictionary<string, JsonElement>? arguments)
    {
        var declared = (prompt.Arguments ?? []).ToDictionary(a => a.Name, StringComparer.Ordinal);
        arguments ??= new Dictionary<string, JsonElement>();
        foreach (var name in arguments.Keys.Order(StringComparer.Ordinal))
            if (!declared.ContainsKey(name))
                return $"prompt {prompt.Name} has no argument {Quote(name)}; its arguments: {string.Join(", ", declared.Keys)}";
        foreach (var argument in declared.Values.Where(a => a.Required == true))
            if (!arguments.ContainsKey(argument.Name))
                return $"prompt {prompt.Name} needs argument '{argument.Name}'; expected: {Lower(argument.Description)}";
        foreach (var argument in declared.Values)
            if (arguments.TryGetValue(argument.Name, out var value) && ValueProblem(argument.Name, value, argument.Required == true ? ["string"] : ["string", "null"]) is { } problem)
                return $"{problem}; expected: {Lower(argument.Description)}";
        return null;
    }

    private static string? ValueProblem(string name, JsonElement value, IReadOnlyCollection<string> types)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null when types.Contains("null"):
                return null;
            case JsonValueKind.String when types.Contains("string"):
                return TextProblem(name, value.GetString()!);
            case JsonValueKind.True or JsonValueKind.False when types.Contains("boolean"):
                return null;
            case JsonValueKind.Number when types.Contains("number"):
                return null;
            case JsonValueKind.Number when types.Contains("integer"):
                if (value.TryGetInt32(out _)) return null;
                if (!double.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number != Math.Floor(number))
                    return $"argument '{name}' must be a whole number, not {Suggest.Shown(value.GetRawText())}";
                return number is < int.MinValue or > int.MaxValue
                    ? $"argument '{name}' is {Suggest.Shown(value.GetRawText())}, out of range"
                    : $"argument '{name}' must be a whole number written without a decimal point or exponent, not {Suggest.Shown(value.GetRawText())}";
            default:
                return $"argument '{name}' must be {Article(types)}, not {Describe(value)}";
        }
    }

    /// <summary>
    /// Arguments whose valid values are repository text read back from the index (an endpoint id, a route, a repo's folder
    /// name): a repo may put any character in a route or a name, so these may hold control characters too; the tool says
    /// when nothing in the index has the value.
    /// </summary>
    private static readonly HashSet<string> RepositoryText = new(StringComparer.Ordinal) { "endpoint_id", "path", "repo", "consumer" };

    /// <summary>Text no argument of Mesh's takes: empty or blank (omit the argument instead), control characters, huge.</summary>
    private static string? TextProblem(string name, string text)
    {
        if (text.Length > MaxLength)
            return $"argument '{name}' has {text.Length:N0} characters, more than the {MaxLength:N0} any argument may have";
        if (text.Length == 0) return $"argument '{name}' is empty (omit it to use its default)";
        if (string.IsNullOrWhiteSpace(text)) return $"argument '{name}' is blank, {Quote(text)} (omit it to use its default)";
        if (RepositoryText.Contains(name)) return null;
        var control = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        if (control < 0) control = text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        return control < 0
            ? null
            : $"argument '{name}' is {Quote(text)}, which holds a control character (U+{(int)text[control]:X4} at character {control + 1}) that no valid value has";
    }

    private static IReadOnlyCollection<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? ["string", "number", "integer", "boolean", "null", "array", "object"]
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private static string Expected(JsonElement property) =>
        Lower(property.TryGetProperty("description", out var d) ? d.GetString() : null);

    private static string Lower(string? description) =>
        string.IsNullOrEmpty(description) ? "a value" : char.ToLowerInvariant(description[0]) + description[1..];

    private static string Article(IReadOnlyCollection<string> types) => string.Join(" or ", types.Select(t => t switch
    {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "null" => "null",
        "array" => "an array",
        "object" => "an object",
        _ => t,
    }));

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"text {Quote(value.GetString()!)}",
        JsonValueKind.Number => $"the number {Suggest.Shown(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => $"an array of {value.GetArrayLength():N0} item(s)",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>User text in double quotes with control characters escaped, cut to its start (with the real length) when long.</summary>
    public static string Quote(string text) =>
        text.Length <= Suggest.ShownLength
            ? JsonSerializer.Serialize(text, Quoting)
            : $"{JsonSerializer.Serialize(text[..Suggest.ShownLength], Quoting)}... ({text.Length:N0} characters)";

    private static void Log(IServiceProvider? services, Exception exception, string tool) =>
        services?.GetService<ILoggerFactory>()?.CreateLogger("mesh.tools").LogError(exception, "tool {Tool} failed", tool);
}
