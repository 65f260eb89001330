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
