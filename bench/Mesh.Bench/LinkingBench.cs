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

            clock.Restart();
            var inputs = index.Store.LoadLinkInputs();
            var load = clock.Elapsed;
            var directory = new ServiceDirectory(inputs.Repos, [], inputs.Services, inputs.ConfigValues, inputs.RepoOfProject);
            var result = new Linker(inputs.Endpoints, directory, inputs.ProxyRoutes).Link(inputs.Calls);
            var link = clock.Elapsed - load;
            index.Store.ReplaceLinks(result);
            var total = clock.Elapsed;
            Console.WriteLine($"linking the workspace: {total.TotalSeconds:0.00} s (load {load.TotalSeconds:0.00} s, match {link.TotalSeconds:0.00} s, write {(total - load - link).TotalSeconds:0.00} s); {result.Links.Count:N0} links, {result.Unresolved.Count:N0} unresolved");

            var ids = inputs.Endpoints.Select(e => e.Id).ToList();
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
            return result.Links.Count > 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static RepoIndex Repo(int r, int repos, Random random)
    {
        var name = $"svc{r:D3}";
        var endpoints = new List<Endpoint>();
        for (var e = 0; e < 100; e++)
        {
            var path = $"/api/{name}/res{e / 4}" + (e % 2 == 0 ? "" : "/{id}");
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
