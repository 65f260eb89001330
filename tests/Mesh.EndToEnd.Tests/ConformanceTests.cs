using Mesh.EndToEnd.Tests.Infrastructure;

namespace Mesh.EndToEnd.Tests;

/// <summary>
/// The official MCP conformance suite (npm, pinned in eng/conformance) against <c>mesh serve --http</c> over the demo
/// workspace: every scenario on Mesh's own surface passes; only those needing the suite's fixture tools are expected
/// to fail (eng/conformance/expected-failures.yml, each with its reason).
/// </summary>
public sealed class ConformanceTests
{
    [Fact]
    public async Task Official_MCP_conformance_suite_passes_against_mesh_serve_http()
    {
        var (_, meshArguments) = MeshBuild.Mesh();
        var script = Path.Combine(MeshBuild.RepoRoot, "eng", "conformance", "run.sh");
        var run = await ChildProcess.RunAsync("bash", [script, meshArguments[0]], TimeSpan.FromMinutes(9));
        Assert.True(run.ExitCode == 0, $"the conformance run failed\n{run}");
        Assert.Contains("Baseline check passed", run.Stdout);
        Assert.Contains("✓ dns-rebinding-protection", run.Stdout);
        Assert.Contains("✓ server-initialize", run.Stdout);
    }
}
