using System.Globalization;
using Mesh.Engine.Indexing;

namespace Mesh.Bench.Scale;

/// <summary>
/// Where a cold index's time goes, from an in-process index of the workspace into a fresh store: per language, reading
/// and extraction, resolution and the store write; then linking. Only printed (<c>--stages</c>): it explains the figures.
/// </summary>
public static class StageBreakdown
{
    private static string Linking(IndexReport report) => report.Linking?.Stages is { } l
        ? string.Create(CultureInfo.InvariantCulture, $"linking {report.Linking.Elapsed.TotalSeconds:0.00} s (load {l.Load.TotalSeconds:0.00}, match {l.Match.TotalSeconds:0.00}, write {l.Write.TotalSeconds:0.00})")
        : "linking: no stage times";

    /// <summary>The same breakdown for any workspace folder (a kept one, or real repos): totals, not per language.</summary>
    public static async Task<string> MeasureFolder(string root)
    {
        var database = Path.Combine(Path.GetTempPath(), $"mesh-stages-{Guid.NewGuid():N}.db");
        try
        {
            var report = await WorkspaceIndex.Open(root, database).IndexAsync(new IndexRequest());
            var stages = report.Repos.Where(r => r.Stages is not null).Select(r => r.Stages!).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"in-process cold index {report.Elapsed.TotalSeconds:0.0} s: read+extract {stages.Sum(s => s.Read.TotalSeconds):0.0} s, resolve {stages.Sum(s => s.Resolve.TotalSeconds):0.0} s, write {stages.Sum(s => s.Write.TotalSeconds):0.0} s; {Linking(report)}");
        }
        finally
        {
            Delete(database);
        }
    }

    /// <summary>A store made for the breakdown and its WAL files, once no pooled connection holds them.</summary>
    private static void Delete(string database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*")) File.Delete(file);
    }

    public static async Task<string> Measure(GeneratedWorkspace workspace)
    {
        var database = Path.Combine(workspace.Root, ".mesh", "stages.db");
        var index = WorkspaceIndex.Open(workspace.Root, database);
        var report = await index.IndexAsync(new IndexRequest());
        var languages = workspace.Repos.ToDictionary(r => r.Name, r => r.Language);
        var parts = report.Repos.Where(r => r.Stages is not null).GroupBy(r => languages[r.Repo]).OrderBy(g => g.Key).Select(g =>
        {
            var lines = workspace.Repos.Where(r => r.Language == g.Key).Sum(r => r.Lines);
            var read = g.Sum(r => r.Stages!.Read.TotalSeconds);
            return string.Create(CultureInfo.InvariantCulture,
                $"{g.Key}: read+extract {read:0.0} s ({lines / read:N0} lines/s, {g.Sum(r => r.FilesParsed):N0} parsed), resolve {g.Sum(r => r.Stages!.Resolve.TotalSeconds):0.0} s, write {g.Sum(r => r.Stages!.Write.TotalSeconds):0.0} s");
        });
        var again = await index.IndexAsync(new IndexRequest());
        var linking = $"{Linking(report)}; index again with nothing changed: repos {again.Elapsed.TotalSeconds:0.00} s, {Linking(again)}";
        Delete(database);
        return string.Create(CultureInfo.InvariantCulture, $"in-process cold index {report.Elapsed.TotalSeconds:0.0} s: ") + string.Join("; ", parts) + "; " + linking;
    }
}
