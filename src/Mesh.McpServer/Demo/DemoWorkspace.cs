using LibGit2Sharp;

namespace Mesh.McpServer.Demo;

/// <summary>
/// Writes the sample workspace of <c>mesh demo</c>: real git repositories whose files are embedded in this program,
/// committed with a fixed author and date so every run produces the same commit ids.
/// </summary>
public static class DemoWorkspace
{
    private const string Prefix = "demo/";
    private const string Marker = ".mesh-demo";
    private static readonly DateTimeOffset CommitTime = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Create(string directory)
    {
        Prepare(directory);
        var assembly = typeof(DemoWorkspace).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => (Resource: n, Path: n[Prefix.Length..].Replace('\\', '/')))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var repos = files.GroupBy(f => f.Path[..f.Path.IndexOf('/')]).ToList();
        foreach (var repo in repos)
        {
            var root = Path.Combine(directory, repo.Key);
            Repository.Init(root);
            foreach (var (resource, path) in repo)
            {
                var target = Path.Combine(directory, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var input = assembly.GetManifestResourceStream(resource)!;
                using var output = File.Create(target);
                input.CopyTo(output);
            }
            using var git = new Repository(root);
            LibGit2Sharp.Commands.Stage(git, "*");
            var author = new Signature("Mesh Demo", "demo@mesh.invalid", CommitTime);
            git.Commit("Initial import of the service", author, author);
        }
        return repos.Select(r => r.Key).ToList();
    }

    /// <summary>
    /// The breaking change the demo walks through: the orders provider moves <c>GET /orders/{orderId}</c> to
    /// <c>/v2/orders/{orderId}</c> (same operation id) in a second commit.
    /// </summary>
    public static void CommitBreakingChange(string directory)
    {
        var repo = Path.Combine(directory, "orders");
        var specPath = Path.Combine(repo, "api", "openapi.yaml");
        var spec = File.ReadAllText(specPath).ReplaceLineEndings("\n");
        const string oldPath = "  /orders/{orderId}:\n";
        var pathStart = spec.IndexOf(oldPath, StringComparison.Ordinal);
        var getStart = spec.IndexOf("    get:\n", pathStart, StringComparison.Ordinal);
        var getEnd = spec.IndexOf("    delete:\n", getStart, StringComparison.Ordinal);
        var parametersEnd = spec.IndexOf("    get:\n", pathStart, StringComparison.Ordinal);
        if (pathStart < 0 || getStart < 0 || getEnd < 0) throw new InvalidOperationException("the demo spec no longer has GET /orders/{orderId} where the demo expects it");
        var parameters = spec[(pathStart + oldPath.Length)..parametersEnd];
        var get = spec[getStart..getEnd];
        var moved = spec[..getStart] + spec[getEnd..];
        var insertAt = moved.IndexOf("  /orders/{orderId}/cancel:\n", StringComparison.Ordinal);
        moved = moved[..insertAt] + "  /v2/orders/{orderId}:\n" + parameters + get + moved[insertAt..];
        File.WriteAllText(specPath, moved);
        using var git = new Repository(repo);
        LibGit2Sharp.Commands.Stage(git, "*");
        var author = new Signature("Mesh Demo", "demo@mesh.invalid", CommitTime.AddDays(1));
        git.Commit("Move GET /orders/{orderId} to /v2/orders/{orderId}", author, author);
    }

    /// <summary>Refuses to write into a folder that has content and was not made by an earlier demo.</summary>
    private static void Prepare(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            if (!File.Exists(Path.Combine(directory, Marker)))
                throw new Engine.MeshException($"'{directory}' is not empty and was not created by 'mesh demo'; pass --dir with a new or empty folder");
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo dir)
                {
                    foreach (var file in dir.EnumerateFiles("*", SearchOption.AllDirectories)) file.Attributes = FileAttributes.Normal;
                    dir.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Marker), "Created by 'mesh demo'; safe to delete.\n");
    }
}
