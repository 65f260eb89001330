using Mesh.Engine.Diff;
using Mesh.Engine.Indexing;
using Mesh.Engine.Queries;

namespace Mesh.Engine.Migration;

/// <summary>A provider's changes to plan for: one change (by id from a diff) or all, optionally for one consumer repo.</summary>
public sealed record MigrationRequest(string Provider, string? Base = null, string? Head = null, bool WorkingTree = false, string? ChangeId = null, string? Consumer = null)
{
    public DiffOptions? Options { get; init; }
}

/// <summary>
/// Builds the brief an agent's own model migrates from: per affected call site, the code, the contract before and
/// after as it concerns that call, the edit in words (and a replacement line when mechanical), the order of work
/// across repos, and how to verify. Mesh writes no code through a model: the client's model does.
/// </summary>
public static class MigrationPlanner
{
    private const int ExcerptContext = 4;

    public static MigrationPlan Plan(WorkspaceIndex index, MigrationRequest request, CancellationToken cancellationToken = default)
    {
        var comparison = DiffQuery.Compare(index, new DiffRequest(request.Provider, request.Base, request.Head, request.WorkingTree, request.Options), cancellationToken);
        var report = comparison.Report;
        var changes = report.Changes;
        if (request.ChangeId is { } id)
        {
            changes = [.. changes.Where(c => c.Id == id)];
            if (changes.Count == 0)
                throw new MeshException(report.Changes.Count == 0
                    ? $"unknown change id '{id}': {request.Provider} has no API changes between {report.Summary.Base} and {report.Summary.Head}"
                    : $"unknown change id '{id}' between {report.Summary.Base} and {report.Summary.Head}; changes: {string.Join(", ", report.Changes.Take(10).Select(c => $"{c.Id} ({c.Rule})"))}{(report.Changes.Count > 10 ? ", …" : "")}");
        }
        if (request.Consumer is { } consumer && !index.Workspace.RepoNames.Contains(consumer))
            index.Repo(consumer);

        var advice = new EditAdvice(comparison.Base, comparison.Head);
        var repos = index.Workspace.Repos.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var lines = new Dictionary<(string Repo, string File), CodeExcerpt?>();
        var tasks = changes
            .SelectMany(change => change.Affected.Where(a => request.Consumer is null || a.Repo == request.Consumer).Select(a => (Change: change, Consumer: a)))
            .GroupBy(x => x.Consumer.CallSiteId, StringComparer.Ordinal)
            .Select(group =>
            {
                var call = group.First().Consumer;
                var code = repos.TryGetValue(call.Repo, out var repo)
                    ? CodeExcerpts.Around(repo, call.File, index.Store.BlobOf(call.Repo, call.File), call.Line, ExcerptContext)
                    : null;
                var edits = group.Select(x => advice.For(x.Change, x.Consumer, code))
                    .OrderByDescending(e => e.Level).ThenBy(e => e.Location, StringComparer.Ordinal).ThenBy(e => e.Rule, StringComparer.Ordinal).ToList();
                return new CallSiteTask(call.CallSiteId, call.Repo, call.File, call.Line, call.Method, call.Url, call.IsTest, code, edits);
            })
            .OrderByDescending(t => t.Edits.Max(e => e.Level))
            .ThenBy(t => t.Repo, StringComparer.Ordinal).ThenBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Line)
            .ToList();

        var consumerRepos = tasks.Select(t => t.Repo).Distinct().Order(StringComparer.Ordinal).ToList();
        var verification = consumerRepos.Select(r => new ConsumerVerification(r,
            repos.TryGetValue(r, out var config) ? TestCommands.Detect(config.Path) : null,
            $"after editing {r}, call propose_migration again with verify: true",
            $"mesh migrate --repo {request.Provider} --verify --consumer {r}{(request.Base is null ? "" : $" --base {request.Base}")}{(request.Head is null ? "" : $" --head {request.Head}")}")).ToList();
        var unlinked = changes.Where(c => c.Level == ChangeLevel.Err && c.Affected.Count == 0).ToList();
        return new MigrationPlan(request.Provider, report.Summary.Base, report.Summary.Head, changes, tasks, Order(request.Provider, tasks, consumerRepos, report), verification)
        {
            Unlinked = unlinked,
        };
    }

    private static List<string> Order(string provider, IReadOnlyList<CallSiteTask> tasks, IReadOnlyList<string> consumers, DiffReport report)
    {
        var order = new List<string>();
        if (tasks.Count == 0)
        {
            order.Add(report.Summary.Errors == 0
                ? $"No linked consumer needs an edit: {provider} can ship."
                : $"No linked consumer is affected, but {report.Summary.Errors} breaking change(s) remain for clients Mesh cannot see: deprecate before removing.");
            return order;
        }
        var breaking = tasks.Any(t => t.Edits.Any(e => e.Level == ChangeLevel.Err));
        if (breaking)
            order.Add($"In {provider}: do not ship yet. Where you can, serve the old and the new contract side by side (or mark the old one deprecated with a sunset date) until every consumer below is migrated.");
        foreach (var repo in consumers.Where(r => r != provider))
        {
            var own = tasks.Where(t => t.Repo == repo).ToList();
            order.Add($"In {repo}: edit {own.Count} call site(s) in {string.Join(", ", own.Select(t => t.File).Distinct().Order(StringComparer.Ordinal))}; run its tests; verify with Mesh.");
        }
        if (consumers.Contains(provider))
            order.Add($"In {provider} itself: edit its own calls (tests or clients) to the new contract.");
        order.Add(breaking ? $"In {provider}: ship once every consumer verifies; then remove the old contract." : $"In {provider}: ship; consumers above only need the listed follow-ups.");
        return order;
    }
}
