using System.Diagnostics;
using System.Text;
using Mesh.Engine.Diff;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Indexing;
using Mesh.Engine.Resolution;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Bench;

/// <summary>
/// Diff timings: the Stripe spec pair, a generated 1,000-operation spec pair, and HEAD against a working tree with one
/// changed file in an indexed repo. Reports numbers; gates nothing.
/// </summary>
public static class DiffBench
{
    public static async Task<int> Run(string? sharedFolder)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}");
        if (sharedFolder is not null && Directory.Exists(Path.Combine(sharedFolder, "bench-specs", "stripe")))
        {
            var stripe = Path.Combine(sharedFolder, "bench-specs", "stripe");
            SpecPair("Stripe 2023-03-14 → 2023-09-12", File.ReadAllBytes(Path.Combine(stripe, "spec3-2023-03-14.yaml")), File.ReadAllBytes(Path.Combine(stripe, "spec3-2023-09-12.yaml")));
        }
        var (before, after) = GeneratedSpecs(1000);
        SpecPair("generated 1,000 operations, 40 changes", before, after);
        await WorkingTree();
        return 0;
    }

    private static void SpecPair(string name, byte[] before, byte[] after)
    {
        var clock = Stopwatch.StartNew();
        var baseVersions = Versions("openapi.yaml", before);
        var headVersions = Versions("openapi.yaml", after);
        var extraction = clock.Elapsed;
        var operations = $"{EndpointVersions.Of(baseVersions).Count} → {EndpointVersions.Of(headVersions).Count} operations";
        for (var pass = 1; pass <= 3; pass++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            clock.Restart();
            var changes = SurfaceDiffer.Default.Diff(baseVersions, headVersions);
            var elapsed = clock.Elapsed;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"{name}: extraction {extraction.TotalMilliseconds:N0} ms (both sides); diff pass {pass}: {elapsed.TotalMilliseconds:N0} ms, " +
                $"{allocated / (1024 * 1024):N0} MiB allocated, peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MiB; " +
                $"{operations}, {changes.Count} changes ({changes.Count(c => c.Level == ChangeLevel.Err)} ERR)");
        }
        // Where it goes: the operation and document rules alone, then the schema walk alone.
        foreach (var (part, rules) in new (string, IReadOnlyList<IDiffRule>)[]
        {
            ("operation and document rules", [.. DiffRules.All.Where(r => r is not ISchemaRule)]),
            ("schema walk", [.. DiffRules.All.Where(r => r is ISchemaRule)]),
        })
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            clock.Restart();
            var changes = new SurfaceDiffer(rules).Diff(baseVersions, headVersions);
            Console.WriteLine($"{name}: {part} only: {clock.Elapsed.TotalMilliseconds:N0} ms, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024 * 1024):N0} MiB allocated, {changes.Count} changes");
        }
    }

    private static Mesh.Engine.Model.RepoSurface Versions(string path, byte[] bytes)
    {
        var extractor = new OpenApiExtractor();
        var facts = extractor.Extract(path, bytes);
        return RepoResolver.Resolve("bench", [new IndexedFile(path, GitBlobId.Compute(bytes), extractor.Name, extractor.Version, facts, true)]);
    }

    /// <summary>Operations over shared component schemas; head renames, retypes, removes and requires a few things.</summary>
    private static (byte[] Before, byte[] After) GeneratedSpecs(int operations)
    {
        string Spec(bool head)
        {
            var text = new StringBuilder("openapi: 3.0.3\ninfo: { title: bench, version: '1' }\npaths:\n");
            for (var i = 0; i < operations / 2; i++)
            {
                var removed = head && i % 50 == 7;
                if (removed) continue;
                text.Append($"  /things{i}/{{id}}:\n");
                text.Append($"    get:\n      operationId: get{i}\n      parameters:\n        - {{ name: id, in: path, required: true, schema: {{ type: string }} }}\n");
                text.Append($"        - {{ name: expand, in: query, required: {(head && i % 50 == 11 ? "true" : "false")}, schema: {{ type: string }} }}\n");
                text.Append($"      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{ $ref: '#/components/schemas/Thing{i % 40}' }}\n");
                text.Append($"    put:\n      operationId: put{i}\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{ $ref: '#/components/schemas/Thing{i % 40}' }}\n");
                text.Append("      responses:\n        '204': { description: done }\n");
            }
            text.Append("components:\n  schemas:\n");
            for (var s = 0; s < 40; s++)
            {
                text.Append($"    Thing{s}:\n      type: object\n      required: [id, name]\n      properties:\n");
                text.Append("        id: { type: string }\n");
                text.Append($"        name: {{ type: string, maxLength: {(head && s % 10 == 3 ? 40 : 80)} }}\n");
                text.Append($"        price: {{ type: {(head && s % 10 == 5 ? "string" : "number")} }}\n");
                text.Append($"        owner: {{ $ref: '#/components/schemas/Owner' }}\n        tags: {{ type: array, items: {{ $ref: '#/components/schemas/Tag' }} }}\n");
            }
            text.Append("    Owner:\n      type: object\n      properties:\n        id: { type: string }\n        team: { $ref: '#/components/schemas/Team' }\n");
            text.Append("    Team:\n      type: object\n      properties:\n        name: { type: string }\n        owner: { $ref: '#/components/schemas/Owner' }\n");
            text.Append("    Tag:\n      type: object\n      properties:\n        label: { type: string }\n");
            return text.ToString();
        }
        return (Encoding.UTF8.GetBytes(Spec(false)), Encoding.UTF8.GetBytes(Spec(true)));
    }

    /// <summary>An indexed repo (generated C# services and a spec), one file edited in the working tree, diffed against HEAD.</summary>
    private static async Task WorkingTree()
    {
        var root = Path.Combine(Path.GetTempPath(), $"mesh-diff-bench-{Guid.NewGuid():N}");
        var repoPath = Path.Combine(root, "svc");
        try
        {
            var corpus = CSharpCorpus.Generate(200, 7).ToList();
            BenchRepo.Create(repoPath, corpus);
            var index = WorkspaceIndex.Open(root);
            await index.IndexAsync(new IndexRequest());
            var edited = corpus.First(f => Encoding.UTF8.GetString(f.Content).Contains("MapGet(", StringComparison.Ordinal));
            var text = Encoding.UTF8.GetString(edited.Content);
            var first = text.IndexOf("MapGet(", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(repoPath, edited.Path), text[..first] + "MapPost(" + text[(first + "MapGet(".Length)..]);
            var timings = new List<double>();
            for (var pass = 0; pass < 7; pass++)
            {
                var clock = Stopwatch.StartNew();
                var report = DiffQuery.Run(index, new DiffRequest("svc"));
                timings.Add(clock.Elapsed.TotalMilliseconds);
                if (pass == 0) Console.WriteLine($"HEAD vs working tree, {corpus.Count} files, 1 edited: {report.Changes.Count} changes, {report.Summary.FilesParsed} file(s) parsed");
            }
            timings.Sort();
            Console.WriteLine($"HEAD vs working tree: first {timings[^1]:N0} ms (parses the edited file), median {timings[timings.Count / 2]:N0} ms");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
