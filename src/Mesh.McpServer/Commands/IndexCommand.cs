using System.CommandLine;
using Mesh.Engine.Context;
using Mesh.Engine.Indexing;

namespace Mesh.McpServer.Commands;

public static class IndexCommand
{
    private const int ListedPerRepo = 20;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var repo = new Option<string?>("--repo") { Description = "Index only this repo" };
        var worktree = new Option<bool>("--worktree") { Description = "Read working trees (uncommitted edits included) instead of each repo's ref" };
        var force = new Option<bool>("--force") { Description = "Re-resolve repos whose revision did not change (parsed facts still come from the cache) and link every call site again" };
        var command = new Command("index", "Index every repo of the workspace (only files not seen before are parsed)") { repo, worktree, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // One index and the process ends: no later diff reads facts from memory.
            var index = Cli.OpenIndex(parsed, keepFacts: false);
            var progress = new ProgressDisplay(error);
            var report = await index.IndexAsync(new IndexRequest(parsed.GetValue(repo), parsed.GetValue(worktree), parsed.GetValue(force)), progress, cancellationToken);
            progress.Done();
            Print(output, report);
            return report.Failed > 0 ? Cli.Findings : Cli.Ok;
        });
        return command;
    }

    internal static void Print(TextWriter output, IndexReport report)
    {
        output.WriteLine($"Indexed {report.Repos.Count} repo(s) in {report.Elapsed.TotalSeconds:0.00} s: {report.FilesSeen} file(s) seen, " +
            $"{report.FilesParsed} parsed, {report.FilesSkipped} skipped, {report.Endpoints} endpoint(s).");
        if (report.Linking is { } linking)
        {
            output.WriteLine($"Linked {linking.Linked} of {linking.CallSites} call site(s) to endpoints ({linking.Links} link(s)); {linking.Unresolved} unresolved (see 'mesh consumers' and mesh://graph).");
            output.WriteLine(linking.FullReason is { } why
                ? $"  linked every call site again ({why}) in {linking.Elapsed.TotalSeconds:0.00} s"
                : $"  re-linked {linking.Relinked} call site(s) the changes could affect ({linking.Read} read) in {linking.Elapsed.TotalSeconds:0.00} s; the others kept their links");
        }
        foreach (var r in report.Repos)
        {
            if (r.Status == RepoIndexStatus.Failed)
            {
                output.WriteLine($"  {OneLine.Of(r.Repo)}: FAILED: {OneLine.Of(r.Error)}");
                continue;
            }
            output.WriteLine($"  {OneLine.Of(r.Repo)}: {r.Status.ToString().ToLowerInvariant()} at {Short(r.Revision)}, {r.Endpoints} endpoint(s); " +
                $"{r.FilesParsed} parsed, {r.FilesCached} from cache, {r.Skipped.Count} skipped of {r.FilesSeen} file(s)" +
                (r.Diagnostics > 0 ? $"; {r.Diagnostics} diagnostic(s) (see mesh://repos/{OneLine.Of(r.Repo)}/apis)" : ""));
            foreach (var s in r.Skipped.Take(ListedPerRepo)) output.WriteLine($"    skipped {OneLine.Of(s.Path)}: {OneLine.Of(s.Reason)}");
            if (r.Skipped.Count > ListedPerRepo) output.WriteLine($"    ... and {r.Skipped.Count - ListedPerRepo} more skipped");
        }
    }

    private static string Short(string? revision) => revision is { Length: 40 } ? revision[..10] : revision ?? "?";

    /// <summary>One rewritten line on a terminal; plain lines per repo otherwise (logs, CI).</summary>
    private sealed class ProgressDisplay(TextWriter error) : IProgress<IndexProgress>
    {
        private readonly bool _terminal = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
        private readonly Lock _gate = new();
        private bool _dirty;

        public void Report(IndexProgress value)
        {
            lock (_gate)
            {
                var line = $"[{value.RepoNumber}/{value.RepoCount}] {OneLine.Of(value.Repo)}: {value.Stage} ({value.FilesSeen} files seen, {value.FilesParsed} parsed)";
                if (_terminal)
                {
                    error.Write("\r" + line.PadRight(Math.Max(line.Length, 79))[..Math.Max(line.Length, 79)]);
                    _dirty = true;
                }
                else if (value.Stage is "indexed" or "unchanged" or "failed")
                {
                    error.WriteLine(line);
                }
            }
        }

        public void Done()
        {
            lock (_gate)
            {
                if (_dirty) error.WriteLine();
                _dirty = false;
            }
        }
    }
}
