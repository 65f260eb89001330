namespace Mesh.Engine.Tests.Docs;

/// <summary>What README promises that the code cannot show by itself.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Readme_never_promises_sampling_as_Mesh_uses_none()
    {
        // Mesh makes no model calls and never sends sampling/createMessage: the client's own model acts on its briefs.
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "README.md"));

        var promises = lines.Select((text, i) => (Line: i + 1, Text: text))
            .Where(l => l.Text.Contains("sampling", StringComparison.OrdinalIgnoreCase)
                && !l.Text.Contains("never", StringComparison.OrdinalIgnoreCase) && !l.Text.Contains("no ", StringComparison.OrdinalIgnoreCase))
            .Select(l => $"README.md:{l.Line}: {l.Text}");

        Assert.Empty(promises);
    }

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Mesh.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Mesh.sln above {AppContext.BaseDirectory}");
    }
}
