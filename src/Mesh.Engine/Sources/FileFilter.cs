using Microsoft.Extensions.FileSystemGlobbing;

namespace Mesh.Engine.Sources;

/// <summary>Which folders and files of a repo are never read: build output, dependencies, and the repo's exclude globs.</summary>
public sealed class FileFilter
{
    /// <summary>Folder names skipped wherever they occur.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".mesh", "node_modules", "bin", "obj", "dist", "build", "vendor", ".next", "__pycache__", ".venv", ".tox",
    };

    private readonly Matcher? _exclude;

    public FileFilter(IReadOnlyList<string> excludeGlobs)
    {
        if (excludeGlobs.Count == 0) return;
        _exclude = new Matcher(StringComparison.Ordinal);
        _exclude.AddIncludePatterns(excludeGlobs);
    }

    public bool SkipsFolder(string name) => SkippedFolders.Contains(name);

    /// <summary>True when a repo-relative path (with '/') matches an exclude glob.</summary>
    public bool Excludes(string path) => _exclude is not null && _exclude.Match(path).HasMatches;

    /// <summary>True when any folder on the path is a skipped folder.</summary>
}
