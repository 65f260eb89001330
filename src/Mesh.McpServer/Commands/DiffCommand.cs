using System.CommandLine;
using Mesh.Engine;
using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Reports;
using Mesh.Engine.Sources;
using Mesh.McpServer.GitHub;

namespace Mesh.McpServer.Commands;

/// <summary>
/// <c>mesh diff</c>: a repo's API changes between two revisions as a CI gate. Exit 0 when nothing reaches
/// <c>--fail-on</c>, 1 when something does, 2 when the diff could not be made (bad argument, unknown repo or ref,
/// unreadable ignore file, GitHub refused the comment).
/// </summary>
public static class DiffCommand
{
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "markdown", "sarif", "github"];

    public static Command Create(TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        var repo = new Option<string?>("--repo") { Description = "The repo whose API changed (default: the workspace's only repo)" };
        var baseRef = new Option<string?>("--base") { Description = "Base revision: branch, tag, commit or HEAD~N (default HEAD)" };
        var head = new Option<string?>("--head") { Description = "Head revision (default: the working tree)" };
        var worktree = new Option<bool>("--worktree") { Description = "Compare with the working tree, uncommitted edits included (the default without --head)" };
        var format = new Option<string>("--format") { Description = "Output: text, json, markdown, sarif or github (Actions annotations)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. Formats]);
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a change reaches this level for a consumer (or has it, when none is linked): ERR, WARN or never", DefaultValueFactory = _ => "ERR" };
        var minLevel = new Option<string>("--min-level") { Description = "Leave out changes below this level: ERR, WARN or INFO", DefaultValueFactory = _ => "INFO" };
        var ignore = new Option<string?>("--ignore") { Description = $"Ignore file (default: {IgnoreFile.DefaultName} in the repo root, when present)" };
        var comment = new Option<string?>("--github-comment") { Description = "Post the markdown report on this pull request (owner/repo#123), or update Mesh's earlier comment there; token from GITHUB_TOKEN" };
        var apiUrl = new Option<string?>("--github-api-url") { Description = "GitHub API base URL for GitHub Enterprise (default: GITHUB_API_URL, else https://api.github.com)" };
        var command = new Command("diff", "Show what changed in a repo's HTTP API between two revisions and which consumers it breaks; exit 1 when a change reaches --fail-on")
        {
            repo, baseRef, head, worktree, format, failOn, minLevel, ignore, comment, apiUrl,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(head) is not null && parsed.GetValue(worktree))
                throw new MeshException("--head and --worktree exclude each other: give --head REF to compare two revisions, or --worktree (or neither) for the working tree");
            var threshold = FailOn(parsed.GetValue(failOn)!);
            var min = Level(parsed.GetValue(minLevel)!, "--min-level", "ERR, WARN, INFO");
            var pullRequest = parsed.GetValue(comment) is { } target ? PullRequestRef.Parse(target) : null;
            var token = environment("GITHUB_TOKEN");
            if (pullRequest is not null && string.IsNullOrWhiteSpace(token))
                throw new MeshException("--github-comment needs a token in GITHUB_TOKEN (in Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})");
            var api = GitHubApi.Url(parsed.GetValue(apiUrl) ?? environment("GITHUB_API_URL"));

            var index = Cli.OpenIndex(parsed);
            var config = RepoOf(index.Workspace, parsed.GetValue(repo));
            var today = DateOnly.FromDateTime(index.Clock.GetUtcNow().UtcDateTime);
            var ignoreFile = LoadIgnore(config, parsed.GetValue(ignore));
            var request = new DiffRequest(config.Name, parsed.GetValue(baseRef), parsed.GetValue(head), parsed.GetValue(worktree),
                new DiffOptions { MinLevel = min, Today = today });
            var report = await Task.Run(() => DiffQuery.Run(index, request, cancellationToken), cancellationToken);
            var outcome = ignoreFile.Apply(report, today);

            IDiffFormat writer = parsed.GetValue(format) switch
            {
                "json" => new JsonDiffFormat(),
                "markdown" => new MarkdownDiffFormat(),
                "sarif" => new SarifDiffFormat(),
                "github" => new GitHubDiffFormat(),
                _ => new TextDiffFormat(),
            };
            await output.WriteAsync(writer.Write(outcome));

            if (pullRequest is not null)
            {
                var comments = new PullRequestComments(GitHubApi.Client(token, api));
                var posted = await comments.PostOrUpdateAsync(pullRequest, new MarkdownDiffFormat(PullRequestComments.MaxReportLength).Write(outcome));
                await error.WriteLineAsync($"mesh: {(posted.Action == CommentAction.Created ? "commented on" : "updated the comment on")} {pullRequest}{(posted.Url is null ? "" : $": {posted.Url}")}");
            }
            return DiffVerdict.Fails(outcome.Report.Changes, threshold) ? Cli.Findings : Cli.Ok;
        });
        return command;
    }

    private static ChangeLevel? FailOn(string text) =>
        text.Trim().Equals("never", StringComparison.OrdinalIgnoreCase) ? null : Level(text, "--fail-on", "ERR, WARN, never");

    private static ChangeLevel Level(string text, string option, string valid) =>
        ChangeLevels.TryParse(text, out var level) ? level : throw new MeshException($"{option} '{text}' is not valid; valid: {valid}");

    /// <summary>The named repo, or the workspace's only one (the usual CI checkout).</summary>
    private static RepoConfig RepoOf(Workspace workspace, string? name)
    {
        if (name is not null) return workspace.Repo(name);
        if (workspace.Repos.Count == 1) return workspace.Repos[0];
        throw new MeshException(workspace.Repos.Count == 0
            ? "the workspace has no repos; pass --workspace with a git repo or a folder of them"
            : $"which repo? pass --repo; known: {string.Join(", ", workspace.RepoNames)}");
    }

    /// <summary>The repo's .mesh-ignore, or the --ignore file (relative to the current folder), shown relative to the repo root.</summary>
    private static IgnoreFile LoadIgnore(RepoConfig repo, string? explicitPath)
    {
        if (explicitPath is null) return IgnoreFile.OfRepo(repo);
        var full = Path.GetFullPath(explicitPath);
        return IgnoreFile.Load(full, Path.GetRelativePath(repo.Path, full).Replace('\\', '/'), required: true);
    }
}
