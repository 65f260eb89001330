using System.ComponentModel;
using System.Text;
using Mesh.Engine;
using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Reports;
using Mesh.Engine.Indexing;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

[McpServerToolType]
public sealed class DiffSchemaTool
{
    [McpServerTool(Name = "diff_schema", Title = "Diff a repo's API and find who it breaks", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(DiffSchemaResult))]
    [Description("What changed in a repo's HTTP API between two revisions (default: HEAD against the working tree, i.e. your uncommitted " +
        "edits), and whom it breaks: a yes/no safe_to_ship verdict, counts by level (ERR breaking, WARN potentially breaking, INFO), and each " +
        "change with rule id, endpoint, location (e.g. 'response 200 body .items[].price'), before/after, and the linked consumers it reaches " +
        "with a level per consumer. Call it after editing a provider, before committing; give a change's id to propose_migration to plan the " +
        "consumers' edits. Honours the repo's .mesh-ignore.")]
    public static Task<CallToolResult> DiffSchema(
        WorkspaceIndex index,
        [Description("The repo whose API changed (a repo name from the mesh://repos resource).")] string repo,
        [Description("The base revision: a branch, tag, commit id or HEAD~N (default HEAD).")] string? @base = null,
        [Description("The head revision; omit to compare with the working tree (uncommitted edits included).")] string? head = null,
        [Description("Leave out changes below this level: ERR, WARN or INFO (default INFO: everything).")] string? min_level = null,
        [Description("Page size, 1 to 200 (default 50).")] int? limit = null,
        [Description("The next_cursor of the previous page, to get the page after it.")] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.Guard(async () =>
        {
            var config = index.Repo(repo);
            var minLevel = ChangeLevel.Info;
            if (min_level is not null && !ChangeLevels.TryParse(min_level, out minLevel))
                throw new MeshException($"min_level '{min_level}' is not a level; valid: ERR, WARN, INFO");
            var pageSize = ToolArguments.Limit(limit);
            var fingerprint = $"{repo}\n{@base}\n{head}\n{minLevel}";
            var offset = ToolArguments.Offset(cursor, fingerprint);
            var options = new DiffOptions { MinLevel = minLevel, Today = DateOnly.FromDateTime(index.Clock.GetUtcNow().UtcDateTime) };
            var outcome = await Task.Run(() =>
            {
                var ignore = IgnoreFile.OfRepo(config);
                var report = DiffQuery.Run(index, new DiffRequest(repo, @base, head, Options: options), cancellationToken);
                return ignore.Apply(report, options.Today);
            }, cancellationToken).ConfigureAwait(false);

            var all = outcome.Report.Changes;
            var page = all.Skip(offset).Take(pageSize).ToList();
            var next = offset + page.Count < all.Count ? ToolArguments.Cursor(offset + page.Count, fingerprint) : null;
            var document = DiffDocument.From(outcome with { Report = outcome.Report with { Changes = page } });
            var result = new DiffSchemaResult(document.Summary, document.Changes, all.Count, next,
                document.Ignored ?? [], document.ExpiredIgnores ?? [], Note(index, all));
            return ToolResults.Success(result, Render(outcome with { Report = outcome.Report with { Changes = page } }, result));
        });

    private static string? Note(WorkspaceIndex index, IReadOnlyList<Change> changes) =>
        index.Store.Repos().Count == 0 && changes.Count > 0
            ? "The index is empty, so no consumers are linked and affected consumers are unknown: call the reindex tool, then diff again."
            : null;

    private static string Render(DiffOutcome page, DiffSchemaResult result)
    {
        var text = new StringBuilder();
        if (result.Note is not null) text.AppendLine(result.Note);
        text.Append(new TextDiffFormat().Write(page));
        if (result.NextCursor is not null) text.AppendLine($"{result.Total} change(s) in all; more: call again with cursor=\"{result.NextCursor}\".");
        return text.ToString().TrimEnd();
    }
}

[Description("A repo's API changes between two revisions, for whom.")]
public sealed record DiffSchemaResult(
    [property: Description("Counts by level (over every change, not just this page) and the ship verdict.")] SummaryEntry Summary,
    [property: Description("The changes of this page, sorted by path, method, location and rule.")] IReadOnlyList<ChangeEntry> Changes,
    [property: Description("How many changes there are in all (after min_level and the ignore file).")] int Total,
    [property: Description("Pass as cursor to get the next page; absent on the last page.")] string? NextCursor,
    [property: Description("Changes the repo's .mesh-ignore leaves out, with the entry that does.")] IReadOnlyList<IgnoredEntry> Ignored,
    [property: Description("Entries of .mesh-ignore past their until date: they no longer ignore anything.")] IReadOnlyList<ExpiredEntry> ExpiredIgnores,
    [property: Description("Something the caller should know, e.g. that the index is empty so consumers are unknown.")] string? Note);
