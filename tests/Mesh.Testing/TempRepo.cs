using LibGit2Sharp;

namespace Mesh.Testing;

/// <summary>
/// A real git repository in a temp folder, written file by file and committed with a fixed author and
/// increasing timestamps, so commit ids are reproducible.
/// </summary>
public sealed class TempRepo
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private int _commits;

    private TempRepo(string name, string path)
    {
        Name = name;
        Path = path;
    }

    public string Name { get; }
    public string Path { get; }

    public static TempRepo Init(string parent, string name)
    {
        var path = System.IO.Path.Combine(parent, name);
        Repository.Init(path);
        return new TempRepo(name, path);
    }

    public TempRepo Write(string relativePath, string content) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(content));

    public TempRepo WriteBytes(string relativePath, byte[] content)
    {
        var target = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, content);
        return this;
    }

    public TempRepo Delete(string relativePath)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        return this;
    }

    /// <summary>Stages everything (deletions included) and commits; returns the commit id.</summary>
    public string Commit(string message = "change")
    {
        using var git = new Repository(Path);
        Commands.Stage(git, "*");
        var when = Epoch.AddMinutes(++_commits);
        var author = new Signature("Test Author", "test@mesh.invalid", when);
        return git.Commit(message, author, author, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>
    /// Makes a bare repository at <paramref name="barePath"/> hold this repo's branches (cloned the first time, fetched
    /// into after), as a git server would serve them; returns the bare path.
    /// </summary>
    public string Publish(string barePath)
    {
        if (!Directory.Exists(barePath))
        {
            Repository.Clone(Path, barePath, new CloneOptions { IsBare = true });
            return barePath;
        }
        using var bare = new Repository(barePath);
        if (bare.Network.Remotes["source"] is null) bare.Network.Remotes.Add("source", Path, "+refs/heads/*:refs/heads/*");
        LibGit2Sharp.Commands.Fetch(bare, "source", [], new FetchOptions(), null);
        return barePath;
    }

    public void Tag(string name)
    {
        using var git = new Repository(Path);
        git.ApplyTag(name);
    }
}
