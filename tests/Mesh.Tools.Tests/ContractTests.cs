using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Tools.Tests;

/// <summary>
/// What an agent reads is Mesh's user interface: every tool's and resource's public contract is kept in a golden
/// file under Contracts/ and reviewed like code. Regenerate on purpose with MESH_UPDATE_CONTRACTS=1.
/// </summary>
public sealed class ContractTests : ToolTestBase
{
    private static string ContractsFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Contracts");

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void MatchesGolden(string name, JsonNode actual)
    {
        var path = Path.Combine(ContractsFolder(), name + ".json");
        var text = actual.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_CONTRACTS") == "1")
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"no golden contract {path}; run the tests once with MESH_UPDATE_CONTRACTS=1 and review the file");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public async Task Each_tools_public_contract_matches_its_golden_file()
    {
        await using var mcp = await Connect();

        var tools = await mcp.Client.ListToolsAsync();

        if (Environment.GetEnvironmentVariable("MESH_UPDATE_CONTRACTS") != "1")
        {
            // A tool without a reviewed golden file, or a golden file without its tool, fails here.
            var golden = Directory.EnumerateFiles(ContractsFolder(), "tool.*.json").Select(f => Path.GetFileNameWithoutExtension(f)["tool.".Length..]);
            Assert.Equal(golden.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        }
        foreach (var tool in tools)
            MatchesGolden("tool." + tool.Name, JsonSerializer.SerializeToNode(tool.ProtocolTool)!);
    }

    [Fact]
    public async Task The_prompts_public_contract_matches_its_golden_file()
    {
        await using var mcp = await Connect();

        var prompts = (await mcp.Client.ListPromptsAsync()).Select(p => p.ProtocolPrompt).OrderBy(p => p.Name, StringComparer.Ordinal);

        MatchesGolden("prompts", JsonSerializer.SerializeToNode(prompts)!);
    }

    [Fact]
    public async Task The_resources_public_contract_matches_its_golden_file()
    {
        await using var mcp = await Connect();

        var resources = (await mcp.Client.ListResourcesAsync()).Select(r => r.ProtocolResource).OrderBy(r => r.Uri, StringComparer.Ordinal);
        var templates = (await mcp.Client.ListResourceTemplatesAsync()).Select(t => t.ProtocolResourceTemplate).OrderBy(t => t.UriTemplate, StringComparer.Ordinal);

        MatchesGolden("resources", new JsonObject
        {
            ["resources"] = JsonSerializer.SerializeToNode(resources),
            ["resource_templates"] = JsonSerializer.SerializeToNode(templates),
        });
    }

    [Fact]
    public async Task Every_tool_declares_annotations_and_describes_itself_and_each_parameter()
    {
        await using var mcp = await Connect();

        foreach (var tool in (await mcp.Client.ListToolsAsync()).Select(t => t.ProtocolTool))
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            Assert.NotNull(tool.Annotations?.ReadOnlyHint);
            Assert.NotNull(tool.Annotations?.DestructiveHint);
            Assert.NotNull(tool.Annotations?.IdempotentHint);
            Assert.False(tool.Annotations?.OpenWorldHint ?? true, $"{tool.Name} must declare openWorldHint=false: Mesh reads only the workspace");
            Assert.NotNull(tool.OutputSchema);
            foreach (var parameter in tool.InputSchema.GetProperty("properties").EnumerateObject())
                Assert.True(parameter.Value.TryGetProperty("description", out _), $"{tool.Name}.{parameter.Name} has no description");
        }
        var listApis = (await mcp.Client.ListToolsAsync()).Single(t => t.Name == "list_apis").ProtocolTool;
        Assert.True(listApis.Annotations!.ReadOnlyHint);
    }

    [Fact]
    public async Task Server_instructions_say_when_to_call_which_tool_in_under_2_kb()
    {
        await using var mcp = await Connect();

        var instructions = mcp.Client.ServerInstructions;

        Assert.NotNull(instructions);
        Assert.True(Encoding.UTF8.GetByteCount(instructions) < 2048);
        Assert.Contains("list_apis", instructions);
        Assert.Contains("reindex", instructions);
        Assert.Contains("diff_schema", instructions);
        Assert.Equal("mesh", mcp.Client.ServerInfo?.Name);
    }

    [Theory]
    [MemberData(nameof(Eras))]
    public async Task Structured_content_conforms_to_the_declared_output_schema(string? era)
    {
        await using var mcp = await Connect(era);
        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        var reindex = await Call(mcp.Client, "reindex");
        var listApis = await Call(mcp.Client, "list_apis", new { limit = 2 });
        Workspace.AddRepo("web").Write("src/Client.cs", "class C(HttpClient http) { Task<string> Get() => http.GetStringAsync(\"http://orders/orders/1\"); }").Commit();
        await Call(mcp.Client, "reindex");
        Orders.Write("api/openapi.yaml", "openapi: 3.1.0\ninfo: { title: Orders, version: 2.0.0 }\npaths: {}\n").Write(".mesh-ignore", "* POST /orders\n");
        var diff = await Call(mcp.Client, "diff_schema", new { repo = "orders" });

        SchemaConformance.Assert(tools["reindex"].OutputSchema!.Value, Structured(reindex), "reindex");
        SchemaConformance.Assert(tools["list_apis"].OutputSchema!.Value, Structured(listApis), "list_apis");
        SchemaConformance.Assert(tools["diff_schema"].OutputSchema!.Value, Structured(diff), "diff_schema");
        Assert.Contains(Structured(diff).GetProperty("changes").EnumerateArray(), c => c.GetProperty("affected").GetArrayLength() > 0);
        Assert.NotEmpty(Structured(diff).GetProperty("ignored").EnumerateArray());
    }
}

/// <summary>
/// Checks a JSON value against the subset of JSON Schema the SDK emits for records (type, properties, required,
/// items, nullable unions). Hand-written: no JSON Schema validator is in the verified package set.
/// </summary>
internal static class SchemaConformance
{
    public static void Assert(JsonElement schema, JsonElement value, string at)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            Xunit.Assert.True(allowed.Contains(Kind(value)) || (Kind(value) == "integer" && allowed.Contains("number")),
                $"{at}: {Kind(value)} is not one of {string.Join("|", allowed)}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var member in value.EnumerateObject())
            {
                Xunit.Assert.True(properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out _),
                    $"{at}.{member.Name} is in the structured content but not in the output schema");
                Assert(properties.GetProperty(member.Name), member.Value, $"{at}.{member.Name}");
            }
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    Xunit.Assert.True(value.TryGetProperty(name, out _), $"{at}.{name} is required by the output schema but missing (clients such as the TypeScript SDK reject the result)");
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Assert(items, item, $"{at}[{i++}]");
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
