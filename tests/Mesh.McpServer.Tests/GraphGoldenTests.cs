using System.Runtime.CompilerServices;
using System.Text;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.McpServer.Tests;

/// <summary>
/// `mesh graph --format json` of the demo workspace, kept as a golden file and reviewed like code: it shows every fact
/// the extractors and the resolver produce. Regenerate on purpose with MESH_UPDATE_GOLDEN=1.
/// </summary>
public sealed class GraphGoldenTests : IDisposable
{
    private readonly TempDirectory _directory = new("mesh-golden");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static string GoldenPath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden", "demo-graph.json");

    [Fact]
    public async Task The_demo_graph_matches_its_golden_file()
    {
        var root = _directory.Combine("ws");
        Assert.Equal(0, await Cli.RunAsync(["demo", "--dir", root], new StringWriter(), new StringWriter()));
        var output = new StringWriter();

        Assert.Equal(0, await Cli.RunAsync(["graph", "--format", "json", "--workspace", root], output, new StringWriter()));

        var actual = output.ToString().Replace(root, "$WORKSPACE", StringComparison.Ordinal).ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenPath(), actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(GoldenPath()), "no golden file; run once with MESH_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(GoldenPath()).ReplaceLineEndings("\n"), actual);
    }
}
