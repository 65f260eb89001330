using System.ComponentModel;
using System.Text;
using Mesh.Engine.Context;
using Mesh.Engine.Indexing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

[McpServerToolType]
public sealed class ReindexTool
{
    [McpServerTool(Name = "reindex", Title = "Re-index repos", ReadOnly = false, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ReindexResult))]
    [Description("Refresh Mesh's index of the workspace (all repos, or one), reading each repo at its configured ref " +
        "(or its working tree, uncommitted edits included). Only files not seen before are parsed. Sends progress notifications.")]
    public static Task<CallToolResult> Reindex(
        WorkspaceIndex index,
        RequestContext<CallToolRequestParams> request,
        [Description("Only this repo (a repo name from the mesh://repos resource); default: every repo.")] string? repo = null,
        [Description("Read the working tree (uncommitted edits included) instead of the configured ref.")] bool worktree = false,
        CancellationToken cancellationToken = default) =>
        ToolResults.Guard(async () =>
        {
            if (repo is not null) index.Repo(repo);
            IndexReport report;
            await using (var progress = new ProgressPump(request, cancellationToken))
                report = await index.IndexAsync(new IndexRequest(repo, worktree), new Progress(progress), cancellationToken);
            var result = ReindexResult.From(report);
            return ToolResults.Success(result, Render(result));
        });

    private static string Render(ReindexResult result)
    {
        var text = new StringBuilder($"Indexed {result.Repos.Count} repo(s) in {result.ElapsedMs} ms: {result.FilesParsed} file(s) parsed, {result.Endpoints} endpoint(s).");
        foreach (var r in result.Repos)
        {
            text.AppendLine().Append($"- {Markdown.Code(r.Repo)}: {r.Status}");
            text.Append(r.Error is not null
                ? $" — {Markdown.Text(r.Error)}"
                : $", {r.Endpoints} endpoint(s), {r.FilesParsed} parsed / {r.FilesCached} cached / {r.FilesSkipped} skipped of {r.FilesSeen} file(s)");
        }
        return text.ToString();
    }

    /// <summary>
    /// Turns engine progress into MCP progress: repo N of M counts N-1 plus the stage's share, so the value strictly
    /// increases (as the spec requires) while total stays the repo count.
    /// </summary>
    private sealed class Progress(IProgress<ProgressNotificationValue> sink) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => sink.Report(new ProgressNotificationValue
        {
            Progress = value.RepoNumber - 1 + StageShare(value),
            Total = value.RepoCount,
            Message = $"{OneLine.Of(value.Repo)}: {value.Stage} ({value.FilesSeen} files seen, {value.FilesParsed} parsed)",
        });

        private static float StageShare(IndexProgress value) => value.Stage switch
        {
            "starting" => 0.01f,
            "reading" => 0.05f + 0.6f * value.FilesSeen / (value.FilesSeen + 1000f),
            "writing" => 0.8f,
            _ => 1f,
        };
    }
}

[Description("What a re-index did.")]
public sealed record ReindexResult(
    IReadOnlyList<RepoReindexResult> Repos,
    [property: Description("Files parsed in all: files whose content was not in the cache.")] int FilesParsed,
    int Endpoints,
    int Failed,
    long ElapsedMs)
{
    public static ReindexResult From(IndexReport report) => new(
        report.Repos.Select(r => new RepoReindexResult(r.Repo, r.Status.ToString().ToLowerInvariant(), r.Revision, r.FilesSeen,
            r.FilesParsed, r.FilesCached, r.Skipped.Count, r.Endpoints, r.Diagnostics, r.Error)).ToList(),
        report.FilesParsed, report.Endpoints, report.Failed, (long)report.Elapsed.TotalMilliseconds);
}

[Description("What a re-index did for one repo.")]
public sealed record RepoReindexResult(
    string Repo,
    [property: Description("indexed, unchanged (same revision as stored) or failed.")] string Status,
    [property: Description("The commit id read, or 'worktree'.")] string? Revision,
    int FilesSeen,
    int FilesParsed,
    int FilesCached,
    int FilesSkipped,
    int Endpoints,
    int Diagnostics,
    string? Error);
