using LibGit2Sharp;

namespace Mesh.Engine.Sources;

/// <summary>The revisions a user can name in a repo: HEAD and its recent ancestors, local and remote branches, tags.</summary>
public static class RepoRefs
{
    public static IReadOnlyList<string> List(RepoConfig repo, int limit = 100)
    {
        if (!Repository.IsValid(repo.Path)) return [];
        using var git = new Repository(repo.Path);
        var refs = new List<string>();
        if (!git.Info.IsHeadUnborn) refs.AddRange(["HEAD", "HEAD~1", "HEAD~2"]);
        refs.AddRange(git.Branches.Select(b => b.FriendlyName).Order(StringComparer.Ordinal));
        refs.AddRange(git.Tags.Select(t => t.FriendlyName).Order(StringComparer.Ordinal));
        return [.. refs.Distinct(StringComparer.Ordinal).Take(limit)];
    }
}
