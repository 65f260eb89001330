namespace Mesh.Engine.Migration;

/// <summary>Guesses a repo's test command from the files at its root, so a brief can say how to check an edit.</summary>
public static class TestCommands
{
    public static string? Detect(string repoPath)
    {
        if (!Directory.Exists(repoPath)) return null;
        bool Has(string pattern) => Directory.EnumerateFiles(repoPath, pattern, SearchOption.TopDirectoryOnly).Any();
        if (File.Exists(Path.Combine(repoPath, "package.json")) && ReadsTestScript(Path.Combine(repoPath, "package.json"))) return "npm test";
        if (Has("*.sln") || Has("*.slnx") || Has("*.csproj") || Directory.Exists(Path.Combine(repoPath, "tests")) && Directory.EnumerateFiles(repoPath, "*.csproj", SearchOption.AllDirectories).Any())
            return "dotnet test";
        if (Has("pyproject.toml") || Has("pytest.ini") || Has("setup.cfg") || Has("tox.ini") || Has("requirements*.txt")) return "pytest";
        if (Has("go.mod")) return "go test ./...";
        if (Has("Cargo.toml")) return "cargo test";
        return null;
    }

    private static bool ReadsTestScript(string packageJson)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(packageJson));
            return document.RootElement.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == System.Text.Json.JsonValueKind.Object
                && scripts.TryGetProperty("test", out _);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return false;
        }
    }
}
