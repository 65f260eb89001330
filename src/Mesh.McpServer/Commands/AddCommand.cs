using System.CommandLine;
using System.Text.RegularExpressions;
using Mesh.Engine;
using Mesh.Engine.Sources;
using Mesh.McpServer.GitHub;

namespace Mesh.McpServer.Commands;

/// <summary>
/// <c>mesh add github:ORG | GIT-URL | PATH</c>: clones (or fetches) repos into <c>.mesh/repos</c> and lists them in
/// mesh.json. mesh.json is written once, after every clone succeeded, so a failure leaves it as it was.
/// </summary>
public static partial class AddCommand
{
    private const string GitHubPrefix = "github:";

    public static Command Create(TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        var source = new Argument<string>("source") { Description = "github:ORG (every repository of a GitHub organization or user), a git URL, or the folder of a local git repository" };
        var topic = new Option<string[]>("--topic") { Description = "github:ORG only: take repositories with this topic (repeat for several: all must be present)" };
        var include = new Option<string[]>("--include") { Description = "github:ORG only: take repositories whose name matches this glob (* and ?; repeatable)" };
        var exclude = new Option<string[]>("--exclude") { Description = "github:ORG only: leave out repositories whose name matches this glob (repeatable)" };
        var forks = new Option<bool>("--forks") { Description = "github:ORG only: take forks too (skipped by default)" };
        var archived = new Option<bool>("--archived") { Description = "github:ORG only: take archived repositories too (skipped by default)" };
        var name = new Option<string?>("--name") { Description = "A git URL or folder only: the repo's name in the workspace (default: the URL's or folder's last part)" };
        var apiUrl = new Option<string?>("--github-api-url", "--github-api") { Description = "GitHub API base URL for GitHub Enterprise (default: GITHUB_API_URL, else https://api.github.com)" };
        var maxWait = new Option<int>("--max-wait") { Description = "Longest wait, in seconds, for GitHub's rate limit to reset; a longer one is reported instead", DefaultValueFactory = _ => 60 };
        var command = new Command("add", "Add repos to the workspace's mesh.json: a GitHub organization's repositories, a git URL (both cloned or fetched into .mesh/repos) or a local repository; token from GITHUB_TOKEN")
        {
            source, topic, include, exclude, forks, archived, name, apiUrl, maxWait,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var root = Path.GetFullPath(parsed.GetValue(Cli.Workspace)!);
            var writer = new WorkspaceConfigWriter(root);
            var existing = writer.Existing();
            var text = parsed.GetValue(source)!.Trim();
            var api = GitHubApi.Url(parsed.GetValue(apiUrl) ?? environment("GITHUB_API_URL"));
            var token = environment("GITHUB_TOKEN");
            var cloner = new RepoCloner(GitHubApi.GitToken(token, api));
            var filter = new RepoFilter(parsed.GetValue(topic) ?? [], parsed.GetValue(include) ?? [], parsed.GetValue(exclude) ?? [],
                parsed.GetValue(forks), parsed.GetValue(archived));
            var singleName = parsed.GetValue(name);

            if (text.StartsWith(GitHubPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (singleName is not null) throw new MeshException("--name names one repo; it does not apply to github:ORG");
                var owner = Owner(text[GitHubPrefix.Length..]);
                if (parsed.GetValue(maxWait) < 0) throw new MeshException($"--max-wait {parsed.GetValue(maxWait)} is not valid; give seconds, 0 or more");
                var lister = new GitHubRepoLister(GitHubApi.Client(token, api), api, TimeSpan.FromSeconds(parsed.GetValue(maxWait)), TimeProvider.System, error);
                var listing = await lister.ListAsync(owner, cancellationToken);
                var taken = listing.Repos.Where(r => filter.Skips(r) is null).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
                var skipped = listing.Repos.Select(filter.Skips).OfType<string>().GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => $"{g.Count()} {g.Key}").ToList();
                output.WriteLine($"Listed {listing.Repos.Count} repositories of {(listing.IsUser ? "user" : "organization")} {owner} ({listing.Pages} page(s)); " +
                    $"{taken.Count} taken{(skipped.Count > 0 ? $", skipped {string.Join(", ", skipped)}" : "")}.");
                var added = new List<RepoEntry>();
                foreach (var repo in taken)
                {
                    if (string.IsNullOrWhiteSpace(repo.CloneUrl))
                        throw new MeshException($"GitHub gave no clone URL for {owner}/{repo.Name}");
                    added.AddRange(CloneInto(writer, existing, cloner, GitUrl.Parse(repo.CloneUrl), repo.Name, output, cancellationToken));
                }
                return Finish(writer, added, output);
            }
            if (filter.Topics.Count + filter.Include.Count + filter.Exclude.Count > 0 || filter.Forks || filter.Archived)
                throw new MeshException("--topic, --include, --exclude, --forks and --archived choose among an organization's repositories; use them with github:ORG");
            if (GitUrl.Looks(text))
            {
                var url = GitUrl.Parse(text);
                return Finish(writer, CloneInto(writer, existing, cloner, url, RepoName(singleName ?? url.Name), output, cancellationToken), output);
            }
            return Finish(writer, AddFolder(writer, existing, text, singleName, output), output);
        });
        return command;
    }

    /// <summary>Clones or fetches one repo into .mesh/repos; returns its new entry, or nothing when mesh.json has it already.</summary>
    private static IEnumerable<RepoEntry> CloneInto(WorkspaceConfigWriter writer, IReadOnlyList<(RepoEntry Entry, string FullPath)> existing,
        RepoCloner cloner, GitUrl url, string name, TextWriter output, CancellationToken cancellationToken)
    {
        var target = Workspace.CloneFolder(writer.Root, name);
        var same = existing.FirstOrDefault(e => e.Entry.Name == name);
        if (same.Entry is not null && !SamePath(same.FullPath, target))
        {
            output.WriteLine($"  {name}: already in mesh.json at {same.Entry.Path}; left as is");
            return [];
        }
        var outcome = cloner.CloneOrFetch(url, target, cancellationToken);
        var relative = writer.Relative(target);
        output.WriteLine(outcome.Action switch
        {
            CloneAction.Cloned => $"  {name}: cloned at {Short(outcome.Commit)} into {relative}",
            CloneAction.Fetched => $"  {name}: fetched, {Short(outcome.Before)} -> {Short(outcome.Commit)}",
            _ => $"  {name}: up to date at {Short(outcome.Commit)}",
        });
        return same.Entry is null ? [new RepoEntry(name, relative)] : [];
    }

    private static IEnumerable<RepoEntry> AddFolder(WorkspaceConfigWriter writer, IReadOnlyList<(RepoEntry Entry, string FullPath)> existing,
        string text, string? singleName, TextWriter output)
    {
        var full = Path.GetFullPath(text);
        if (!Directory.Exists(full))
            throw new MeshException($"'{text}' is neither github:ORG, a git URL, nor an existing folder; e.g. mesh add github:acme, mesh add https://github.com/acme/orders.git, mesh add ../orders");
        if (!Workspace.IsGitRepository(full))
            throw new MeshException($"'{text}' is not a git repository (no .git in {full}); mesh add takes the folder of a git repository");
        var name = RepoName(singleName ?? new DirectoryInfo(full).Name);
        var here = existing.FirstOrDefault(e => SamePath(e.FullPath, full));
        if (here.Entry is not null)
        {
            output.WriteLine($"  {here.Entry.Name}: already in mesh.json at {here.Entry.Path}");
            return [];
        }
        var same = existing.FirstOrDefault(e => e.Entry.Name == name);
        if (same.Entry is not null)
            throw new MeshException($"a repo named '{name}' is already in mesh.json at {same.Entry.Path}; pass --name to add {full} under another name");
        var entry = new RepoEntry(name, writer.Relative(full));
        output.WriteLine($"  {name}: {entry.Path}");
        return [entry];
    }

    private static int Finish(WorkspaceConfigWriter writer, IEnumerable<RepoEntry> added, TextWriter output)
    {
        var entries = added.ToList();
        output.WriteLine(writer.Add(entries)
            ? $"mesh.json: added {entries.Count} repo(s): {string.Join(", ", entries.Select(e => e.Name))}. Run 'mesh index' to index them."
            : "mesh.json: nothing new to add.");
        return Cli.Ok;
    }

    private static string Owner(string text)
    {
        text = text.Trim();
        if (OwnerName().IsMatch(text)) return text;
        throw new MeshException($"'{GitHubPrefix}{text}' does not name a GitHub organization or user; write it as github:ORG (letters, digits and '-'), e.g. github:acme; for one repository use its git URL");
    }

    private static string RepoName(string name) =>
        RepoNameShape().IsMatch(name) ? name : throw new MeshException($"'{name}' is not a usable repo name; use letters, digits, '.', '_' and '-'");

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string Short(string? commit) => commit is { Length: >= 10 } ? commit[..10] : commit ?? "(empty)";

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
    private static partial Regex OwnerName();

    [GeneratedRegex(@"^(?!\.\.?$)[A-Za-z0-9._-]+$")]
    private static partial Regex RepoNameShape();
}
