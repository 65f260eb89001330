using Xunit;

namespace Mesh.Testing;

/// <summary>
/// The read-only <c>shared</c> folder that sits next to the repository on the project's machines and on CI. A clone
/// without it (as a new contributor gets it) skips the tests that need it; with <c>CI=true</c> they are required.
/// </summary>
public static class SharedFolder
{
    /// <summary>True where the corpora must be there (CI sets <c>CI=true</c>): a missing folder then fails the test.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Find(string name) =>
        TryFind(name) ?? throw new DirectoryNotFoundException($"no shared/{name} folder above {AppContext.BaseDirectory}; {HowToGet(name)}");

    public static string? TryFind(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Why a test that needs <paramref name="name"/> is skipped here, or null when it runs (found, or required).</summary>
    public static string? SkipReason(string name) =>
        TryFind(name) is null && !Required
            ? $"needs the shared/{name} corpus beside the repository (../shared/{name}, as on the project's machines and CI); {HowToGet(name)}"
            : null;

    private static string HowToGet(string name) =>
        $"place the project's shared folder next to the clone (so that ../shared/{name} exists) to run it; with CI=true it is required";
}

/// <summary>A fact that needs a corpus of the shared folder: skipped with the reason where the folder is absent, unless CI=true.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute(string folder)
    {
        if (SharedFolder.SkipReason(folder) is { } reason) Skip = reason;
    }
}
