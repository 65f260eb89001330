using System.Diagnostics;
using Mesh.Engine.Extraction;
using Mesh.Engine.Indexing;
using Mesh.Engine.Linking;
using Mesh.Engine.Model;
using Mesh.Engine.Queries;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Bench;

/// <summary>
/// Linking and find_consumers at scale: a workspace of N repos written straight into the store (each repo serves
/// 100 endpoints and makes 1,000 calls to other repos' endpoints), then the whole workspace linked, then consumers asked.
/// </summary>
public static class LinkingBench
{
    public static async Task<int> Run(int repos, int seed)
    {
        var root = Path.Combine(Path.GetTempPath(), $"mesh-linkbench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var index = WorkspaceIndex.Open(root);
            var random = new Random(seed);
            var clock = Stopwatch.StartNew();
            for (var r = 0; r < repos; r++) index.Store.SaveRepoIndex(Repo(r, repos, random));
            Console.WriteLine($"wrote {repos} repos, {repos * 100:N0} endpoints, {repos * 1000:N0} call sites in {clock.Elapsed.TotalSeconds:0.0} s");

            var (full, fullCpu) = Timed(() => index.Relink());
            Console.WriteLine($"linking the workspace: {Describe(full, fullCpu)}");

            // Queries are timed on a settled heap: the full link's garbage would be collected long before in a server.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var ids = index.Store.LoadLinkInputs().Endpoints.Select(e => e.Id).ToList();
            var timings = new List<double>();
            for (var i = 0; i < 1000; i++)
            {
                var query = Stopwatch.StartNew();
                var endpoint = index.Store.FindEndpoint(ids[random.Next(ids.Count)])!;
                ConsumerQuery.Answer(index, endpoint, includeTests: true, 0, 50, excerpts: false);
                timings.Add(query.Elapsed.TotalMilliseconds);
            }
            timings.Sort();
            Console.WriteLine($"find_consumers from the store (1,000 queries): p50 {timings[500]:0.0} ms, p95 {timings[950]:0.0} ms, p99 {timings[990]:0.0} ms");

            var (unchanged, unchangedCpu) = Timed(() => index.Relink());
            Console.WriteLine($"linking again with nothing changed: {Describe(unchanged, unchangedCpu)}");

            // One repo changes: four endpoints go, four others come (paths other repos call), every one of its calls is new.
            clock.Restart();
            var changed = repos / 2;
            index.Store.SaveRepoIndex(Repo(changed, repos, new Random(seed + 1), changedEndpoints: true));
            Console.WriteLine($"one repo re-written ({clock.Elapsed.TotalSeconds:0.00} s)");
            var (incremental, incrementalCpu) = Timed(() => index.Relink());
            Console.WriteLine($"linking after one repo changed: {Describe(incremental, incrementalCpu)}");

            var differences = DifferencesFromFullLink(index);
            Console.WriteLine($"incremental links equal a full relink: {(differences == 0 ? "yes" : $"NO, {differences} differences")}");
            return full.Links > 0 && differences == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The machine is shared: CPU time of this process says what the work costs when wall time is inflated by others.</summary>
    private static (LinkingReport Report, TimeSpan Cpu) Timed(Func<LinkingReport> link)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var report = link();
        process.Refresh();
        return (report, process.TotalProcessorTime - before);
    }

    private static string Describe(LinkingReport report, TimeSpan cpu) =>
        $"{report.Elapsed.TotalSeconds:0.00} s, CPU {cpu.TotalSeconds:0.00} s " + (report.Stages is { } stages
            ? $"(load {stages.Load.TotalSeconds:0.00} s, match {stages.Match.TotalSeconds:0.00} s, write {stages.Write.TotalSeconds:0.00} s); "
            // Nothing was written since the last link with this configuration: the stored links stand, nothing is loaded.
            : "(stored links still current: nothing loaded); ")
        + (report.FullReason is { } why ? $"every call site linked ({why})" : $"{report.Relinked:N0} call sites re-linked of {report.Read:N0} read")
        + $"; {report.Links:N0} links, {report.Unresolved:N0} unresolved";

    /// <summary>Links that a full relink of the stored workspace would write but the store does not hold, and the reverse.</summary>
    private static int DifferencesFromFullLink(WorkspaceIndex index)
    {
        var inputs = index.Store.LoadLinkInputs();
        var directory = new ServiceDirectory(inputs.Repos, [], inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
        var expected = new Linker(inputs.Endpoints, directory, inputs.ProxyRoutes).Link(index.Store.LinkCalls(CallSelection.Everything).Select(c => c.Call));
        var stored = index.Store.Graph().Links.ToHashSet();
        var unresolved = index.Store.UnresolvedCalls().Select(u => (u.CallSite.Id, u.Reason)).ToHashSet();
        return stored.Except(expected.Links).Count() + expected.Links.Except(stored).Count()
            + unresolved.Except(expected.Unresolved.Select(u => (u.CallSite, u.Reason))).Count() + expected.Unresolved.Select(u => (u.CallSite, u.Reason)).Except(unresolved).Count();
    }

    private static RepoIndex Repo(int r, int repos, Random random, bool changedEndpoints = false)
    {
        var name = $"svc{r:D3}";
        var endpoints = new List<Endpoint>();
        for (var e = changedEndpoints ? 4 : 0; e < (changedEndpoints ? 104 : 100); e++)
        {
            var path = $"/api/{name}/res{e % 100 / 4}" + (e % 2 == 0 ? "" : "/{id}") + (e >= 100 ? "/missing" : "");
            var method = (e % 4) switch { 0 or 1 => "GET", 2 => "POST", _ => "PUT" };
            var fact = new EndpointFact { Method = method, Path = path, Source = EndpointSources.Code, Framework = "aspnetcore", Line = e + 1 };
            endpoints.Add(new Endpoint($"{name}:{method}:{PathKey.FromTemplate(path)}", name, "src/Api.cs", PathKey.FromTemplate(path), fact));
        }
        endpoints = endpoints.DistinctBy(e => e.Id).ToList();
        var calls = new List<CallSite>();
        for (var c = 0; c < 1000; c++)
        {
            var target = $"svc{random.Next(repos):D3}";
            var resource = random.Next(25);
            var withId = random.Next(2) == 1;
            var url = $"/api/{target}/res{resource}" + (withId ? "/{id}" : "") + (random.Next(20) == 0 ? "/missing" : "");
            var fact = new CallSiteFact { Client = "HttpClient", Method = withId ? "GET" : "POST", Url = url, Line = c + 1, BaseHint = $"http://{target}" };
            calls.Add(new CallSite($"{name}:src/Clients.cs:{c + 1}:1", name, "src/Clients.cs", null, false, fact));
        }
        var surface = new RepoSurface(name, endpoints, calls, [], []);
        return new RepoIndex(new RepoConfig(name, "/nonexistent/" + name, null, []), "0000000000000000000000000000000000000000", "bench", DateTimeOffset.UnixEpoch, 0, [], [], surface);
    }
}
