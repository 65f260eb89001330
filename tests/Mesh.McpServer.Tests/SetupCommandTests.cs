using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.McpServer.Tests;

/// <summary><c>mesh setup CLIENT</c> on folders that already have configuration: Mesh's entry merged in, the rest kept, reruns idempotent.</summary>
public sealed class SetupCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new("mesh-setup");

    public void Dispose() => _folder.Dispose();

    private async Task<(int Code, string Out, string Err)> Mesh(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync([.. args, "--workspace", _folder.Path], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Read(string file) => File.ReadAllText(_folder.Combine(file));

    private void Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_folder.Combine(file))!);
        File.WriteAllText(_folder.Combine(file), text);
    }

    private static string RepoRoot([CallerFilePath] string source = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));

    [Theory]
    [InlineData("claude", ".mcp.json", "claude_code (.mcp.json)", "mcpServers")]
    [InlineData("cursor", ".cursor/mcp.json", "cursor (.cursor/mcp.json)", "mcpServers")]
    [InlineData("vscode", ".vscode/mcp.json", "vscode (.vscode/mcp.json)", "servers")]
    public async Task A_new_configuration_has_the_entry_mcp_json_example_shows(string client, string file, string example, string servers)
    {
        var (code, output, _) = await Mesh("setup", client);

        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "mcp.json.example")))![example]![servers]!["mesh"];
        Assert.Equal(0, code);
        Assert.Contains($"{file}: created", output);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(Read(file))![servers]!["mesh"]), Read(file));
    }

    [Theory]
    [InlineData("claude", ".mcp.json", "mcpServers")]
    [InlineData("cursor", ".cursor/mcp.json", "mcpServers")]
    [InlineData("vscode", ".vscode/mcp.json", "servers")]
    [InlineData("gemini", ".gemini/settings.json", "mcpServers")]
    public async Task Other_servers_and_settings_stay_and_a_stale_mesh_entry_is_brought_up_to_date(string client, string file, string servers)
    {
        Write(file, $$"""
            {
              "theme": "dark",
              "{{servers}}": {
                "github": { "command": "github-mcp", "args": ["stdio"] },
                "mesh": { "command": "/old/mesh", "args": ["serve"], "env": { "MESH_LOG": "debug" } }
              }
            }
            """);

        var (code, output, _) = await Mesh("setup", client);
        var merged = JsonNode.Parse(Read(file))!;
        var written = Read(file);
        var (againCode, again, _) = await Mesh("setup", client);

        Assert.Equal(0, code);
        Assert.Contains($"{file}: updated", output);
        Assert.Equal("dark", merged["theme"]!.GetValue<string>());
        Assert.Equal("github-mcp", merged[servers]!["github"]!["command"]!.GetValue<string>());
        Assert.Equal("mesh", merged[servers]!["mesh"]!["command"]!.GetValue<string>());
        Assert.Equal("serve", merged[servers]!["mesh"]!["args"]![0]!.GetValue<string>());
        Assert.Equal("--workspace", merged[servers]!["mesh"]!["args"]![1]!.GetValue<string>());
        Assert.Equal("debug", merged[servers]!["mesh"]!["env"]!["MESH_LOG"]!.GetValue<string>());
        Assert.Equal(0, againCode);
        Assert.Contains("already configured", again);
        Assert.Equal(written, Read(file));
    }

    [Fact]
    public async Task A_configuration_that_is_already_right_is_not_rewritten_even_with_its_own_formatting()
    {
        const string Own = "{\"mcpServers\":{\"mesh\":{\"command\":\"mesh\",\"args\":[\"serve\",\"--workspace\",\".\"]}}}";
        Write(".mcp.json", Own);

        var (code, output, _) = await Mesh("setup", "claude");

        Assert.Equal(0, code);
        Assert.Contains("already configured", output);
        Assert.Equal(Own, Read(".mcp.json"));
    }

    [Fact]
    public async Task Codex_gets_its_table_in_the_workspaces_config_toml_and_other_tables_and_comments_stay()
    {
        const string Existing =
            """
            # team settings
            model = "o4-mini"

            [mcp_servers.github]
            command = "github-mcp"

            [mcp_servers.mesh]
            command = "/old/mesh"
            args = [
              "serve",
            ]
            startup_timeout_sec = 20

            [mcp_servers.mesh.env]
            MESH_LOG = "debug"
            """;
        Write(".codex/config.toml", Existing);

        var (code, _, _) = await Mesh("setup", "codex");
        var written = Read(".codex/config.toml");
        await Mesh("setup", "codex");

        Assert.Equal(0, code);
        Assert.Equal(Existing
            .Replace("command = \"/old/mesh\"", "command = \"mesh\"", StringComparison.Ordinal)
            .Replace("args = [\n  \"serve\",\n]", "args = [\"serve\", \"--workspace\", \".\"]", StringComparison.Ordinal), written);
        Assert.Equal(written, Read(".codex/config.toml"));
    }

    [Fact]
    public async Task Codex_table_is_appended_to_a_config_without_one_and_created_when_there_is_none()
    {
        Write(".codex/config.toml", "model = \"o4-mini\"");

        await Mesh("setup", "codex");
        var appended = Read(".codex/config.toml");
        File.Delete(_folder.Combine(".codex/config.toml"));
        await Mesh("setup", "codex");

        Assert.Equal("model = \"o4-mini\"\n\n[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"serve\", \"--workspace\", \".\"]\n", appended);
        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"serve\", \"--workspace\", \".\"]\n", Read(".codex/config.toml"));
    }

    [Fact]
    public async Task A_broken_configuration_or_an_unknown_client_is_an_error_and_nothing_is_written()
    {
        Write(".cursor/mcp.json", "{ \"mcpServers\": ");

        var (code, _, error) = await Mesh("setup", "cursor");
        var (unknown, _, unknownError) = await Mesh("setup", "zed");

        Assert.Equal(2, code);
        Assert.Contains(".cursor/mcp.json is not valid JSON", error);
        Assert.Equal("{ \"mcpServers\": ", Read(".cursor/mcp.json"));
        Assert.NotEqual(0, unknown);
        Assert.Contains("claude", unknownError);
    }
}
