using LibGit2Sharp;

namespace Mesh.Engine.Sources;

/// <summary>A commit and its first parent, with the committer's date (when it reached the branch).</summary>
public sealed record CommitStep(string Sha, string ParentSha, DateTimeOffset When);

/// <summary>Reads a repo's recent history through libgit2, without checkout.</summary>
public static class RepoHistory
{
    /// <summary>How far back a walk looks for commits that touch the files asked about.</summary>
    public const int MaxWalk = 100;

    /// <summary>
    /// The last <paramref name="count"/> commits reachable from <paramref name="reference"/> along first parents that
    /// change a file <paramref name="relevant"/> accepts, newest first, each with its parent. Commits that touch nothing
    /// relevant (docs, a written AGENTS.md) are passed over, so they neither cost a diff nor push real changes out of the
    /// window; a root commit ends the walk (it has nothing to compare with), and so do <see cref="MaxWalk"/> commits.
    /// </summary>
    public static IReadOnlyList<CommitStep> Recent(RepoConfig repo, string reference, int count, Func<string, bool> relevant)
    {
        var steps = new List<CommitStep>();
        if (count <= 0 || !Repository.IsValid(repo.Path)) return steps;
        using var git = new Repository(repo.Path);
        Commit? commit;
        try
        {
            commit = git.Lookup<Commit>(reference);
        }
        catch (LibGit2SharpException)
        {
            return steps;
        }
        for (var walked = 0; steps.Count < count && walked < MaxWalk && commit?.Parents.FirstOrDefault() is { } parent; walked++, commit = parent)
        {
            if (commit.Tree.Sha == parent.Tree.Sha) continue;
            using var changes = git.Diff.Compare<TreeChanges>(parent.Tree, commit.Tree);
            if (changes.Any(c => relevant(c.Path) || relevant(c.OldPath)))
                steps.Add(new CommitStep(commit.Sha, parent.Sha, commit.Committer.When));
        }
        return steps;
    }
}
