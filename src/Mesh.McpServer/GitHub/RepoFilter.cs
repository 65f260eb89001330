using System.Text.RegularExpressions;

namespace Mesh.McpServer.GitHub;

/// <summary>A repository as GitHub lists it, with what the filters look at.</summary>
public sealed record GitHubRepo(string Name, string CloneUrl, bool Archived, bool Fork, IReadOnlyList<string> Topics);

/// <summary>
/// Which listed repositories <c>mesh add github:ORG</c> takes: archived ones and forks only when asked, those with every
/// given topic, whose name matches an include glob (when any is given) and no exclude glob. Globs use * and ?, ignoring case.
/// </summary>
public sealed record RepoFilter(IReadOnlyList<string> Topics, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, bool Forks = false, bool Archived = false)
{
    /// <summary>Why the repo is left out ("archived", "fork", "filtered"), or null when it is taken.</summary>
    public string? Skips(GitHubRepo repo)
    {
        if (repo.Archived && !Archived) return "archived";
        if (repo.Fork && !Forks) return "fork";
        if (Topics.Any(t => !repo.Topics.Contains(t, StringComparer.OrdinalIgnoreCase))) return "filtered";
        if (Include.Count > 0 && !Include.Any(g => Matches(g, repo.Name))) return "filtered";
        if (Exclude.Any(g => Matches(g, repo.Name))) return "filtered";
        return null;
    }

    private static bool Matches(string glob, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
