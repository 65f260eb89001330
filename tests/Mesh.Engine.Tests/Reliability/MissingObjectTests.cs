using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Reliability;

/// <summary>
/// A repo whose object database lacks a blob (an incomplete copy of .git/objects, or a partial clone that left large
/// blobs on the server): the file is skipped and listed with a diagnostic, every other file is indexed.
/// </summary>
public sealed class MissingObjectTests : IDisposable
{
    private const string Billing = "openapi: 3.0.3\ninfo: {title: Billing, version: '1'}\npaths:\n  /invoices:\n    get:\n      responses: {'200': {description: ok}}\n";

    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_deleted_loose_blob_costs_its_file_not_the_repo(bool workingTree)
    {
        var repo = _workspace.AddRepo("svc").Write("api/orders.yaml", Specs.OrdersYaml).Write("api/billing.yaml", Billing);
        repo.Commit("two specs");
        var blob = BlobId(repo.Path, "api/billing.yaml");
        File.Delete(Path.Combine(repo.Path, ".git", "objects", blob[..2], blob[2..]));
        var index = _workspace.OpenIndex();

        var report = await index.IndexAsync(new IndexRequest(WorkingTree: workingTree)).WaitAsync(TimeSpan.FromMinutes(2));

        var indexed = Assert.Single(report.Repos);
        Assert.True(indexed.Error is null, indexed.Error);
        var paths = EndpointPaths(index);
        Assert.Contains("/orders", paths);
        if (workingTree)
        {
            // The working tree is read from disk: the file is there, so nothing is missing.
            Assert.Contains("/invoices", paths);
            return;
        }
        Assert.DoesNotContain("/invoices", paths);
        var skipped = Assert.Single(indexed.Skipped, s => s.Path == "api/billing.yaml");
        Assert.StartsWith(SkipReasons.Unreadable + ": git object " + blob + " is missing", skipped.Reason, StringComparison.Ordinal);
        var diagnostic = Assert.Single(index.Store.Surface("svc")!.Diagnostics, d => d.File == "api/billing.yaml");
        Assert.Contains("missing from the repository", diagnostic.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_clone_without_its_large_blobs_indexes_the_rest()
    {
        var source = _workspace.AddRepo("source").Write("api/orders.yaml", Specs.OrdersYaml)
            .Write("api/billing.yaml", Billing + "# " + new string('x', 4096) + "\n");
        source.Commit("a small and a large spec");
        GitCli.Run(source.Path, "config", "uploadpack.allowFilter", "true");
        var clone = Path.Combine(_workspace.Root, "clone");
        GitCli.Run(_workspace.Root, "clone", "--quiet", "--no-checkout", "--filter=blob:limit=2k", new Uri(source.Path).AbsoluteUri, clone);
        _workspace.WriteConfig(new { name = "clone", path = "clone" });
        var index = _workspace.OpenIndex();

        var report = await index.IndexAsync(new IndexRequest()).WaitAsync(TimeSpan.FromMinutes(2));

        var indexed = Assert.Single(report.Repos);
        Assert.True(indexed.Error is null, indexed.Error);
        Assert.Contains("/orders", EndpointPaths(index));
        Assert.StartsWith(SkipReasons.Unreadable, Assert.Single(indexed.Skipped, s => s.Path == "api/billing.yaml").Reason, StringComparison.Ordinal);
        Assert.Single(index.Store.Surface("clone")!.Diagnostics, d => d.File == "api/billing.yaml");
    }

    private static List<string> EndpointPaths(WorkspaceIndex index) =>
        index.Store.Endpoints(new EndpointQuery(Limit: int.MaxValue)).Items.Select(e => e.Endpoint.Path).ToList();

    private static string BlobId(string repo, string path)
    {
        using var git = new LibGit2Sharp.Repository(repo);
        return git.Head.Tip[path].Target.Sha;
    }
}
