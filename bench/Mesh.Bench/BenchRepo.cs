namespace Mesh.Bench;

/// <summary>A real git repo holding generated files in one commit, for benches that index or diff it.</summary>
public static class BenchRepo
{
    public static void Create(string repoPath, IEnumerable<(string Path, byte[] Content)> files)
    {
        LibGit2Sharp.Repository.Init(repoPath);
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(repoPath, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
        }
        using var git = new LibGit2Sharp.Repository(repoPath);
        LibGit2Sharp.Commands.Stage(git, "*");
        var author = new LibGit2Sharp.Signature("bench", "bench@mesh.invalid", DateTimeOffset.UnixEpoch);
        git.Commit("corpus", author, author, new LibGit2Sharp.CommitOptions());
    }
}
