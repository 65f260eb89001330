using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Indexing;

public sealed class IndexerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private static Task<IndexReport> Index(WorkspaceIndex index, IndexRequest? request = null) => index.IndexAsync(request ?? new IndexRequest());

    [Fact]
    public async Task Indexing_lists_every_operation_with_its_file_and_line()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Write("README.md", "# orders").Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        var index = _workspace.OpenIndex();

        var report = await Index(index);

        Assert.Equal(0, report.Failed);
        var endpoints = index.Store.Endpoints(new EndpointQuery(Limit: 100)).Items.Select(r => r.Endpoint)
            .Select(e => $"{e.Repo} {e.Method} {e.Path} {e.File}:{e.Line}").ToList();
        Assert.Equal(
        [
            "billing GET /invoices/{id} docs/swagger.json:6",
            "orders GET /orders api/openapi.yaml:5",
            "orders POST /orders api/openapi.yaml:9",
            "orders GET /orders/{id} api/openapi.yaml:19",
        ], endpoints);
    }

    [Fact]
    public async Task Progress_goes_repo_by_repo_while_later_repos_are_prepared_ahead()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
            _workspace.AddRepo(name).Write("openapi.yaml", Specs.OrdersYaml.Replace("/orders", $"/{name}", StringComparison.Ordinal)).Commit();
        var index = _workspace.OpenIndex();
        var seen = new List<IndexProgress>();

        var report = await index.IndexAsync(new IndexRequest(), new Recorder(seen));

        Assert.Equal(["a", "b", "c", "d", "e"], report.Repos.Select(r => r.Repo));
        Assert.Equal(5, report.FilesParsed);
        lock (seen)
        {
            // Synchronous reports in order: the repo number never goes back, and every repo ends with "indexed".
            Assert.Equal(seen.Select(p => p.RepoNumber).Order(), seen.Select(p => p.RepoNumber));
            Assert.Equal(["a", "b", "c", "d", "e"], seen.Where(p => p.Stage == "indexed").Select(p => p.Repo));
            Assert.All(seen.GroupBy(p => p.RepoNumber), g => Assert.Equal("indexed", g.Last().Stage));
        }
    }

    private sealed class Recorder(List<IndexProgress> seen) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            lock (seen) seen.Add(value);
        }
    }

    [Fact]
    public async Task Reindexing_an_unchanged_workspace_parses_nothing()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        var index = _workspace.OpenIndex();
        var first = await Index(index);

        var again = await Index(index);
        var forced = await Index(_workspace.OpenIndex(), new IndexRequest(Force: true));

        Assert.Equal(2, first.FilesParsed);
        Assert.Equal(0, again.FilesParsed);
        Assert.All(again.Repos, r => Assert.Equal(RepoIndexStatus.Unchanged, r.Status));
        Assert.Equal(0, forced.FilesParsed);
        Assert.All(forced.Repos, r => Assert.Equal(RepoIndexStatus.Indexed, r.Status));
        Assert.Equal(first.Endpoints, forced.Endpoints);
    }

    [Fact]
    public async Task A_new_commit_parses_only_the_changed_file()
    {
        var repo = _workspace.AddRepo("orders");
        repo.Write("api/openapi.yaml", Specs.OrdersYaml).Write("api/billing.json", Specs.BillingJson).Commit();
        var index = _workspace.OpenIndex();
        await Index(index);

        repo.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete).Commit();
        var report = await Index(index);

        var orders = Assert.Single(report.Repos);
        Assert.Equal(1, orders.FilesParsed);
        Assert.Equal(1, orders.FilesCached);
        Assert.Contains(index.Store.Endpoints(new EndpointQuery("orders", "DELETE")).Items, r => r.Endpoint.Path == "/orders/{id}");
    }

    [Fact]
    public async Task The_same_content_in_another_repo_or_path_is_never_parsed_twice()
    {
        _workspace.AddRepo("a").Write("openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("b").Write("contracts/orders.yml", Specs.OrdersYaml).Commit();
        var index = _workspace.OpenIndex();

        var report = await Index(index);

        Assert.Equal(1, report.FilesParsed);
        Assert.Equal(3, index.Store.Endpoints(new EndpointQuery("b")).Total);
        Assert.All(index.Store.Endpoints(new EndpointQuery("b")).Items, r => Assert.Equal("contracts/orders.yml", r.Endpoint.File));
    }

    [Fact]
    public async Task Working_tree_indexing_sees_uncommitted_edits_and_shares_the_cache()
    {
        var repo = _workspace.AddRepo("orders");
        repo.Write("api/openapi.yaml", Specs.OrdersYaml).Write("other.json", Specs.BillingJson).Commit();
        var index = _workspace.OpenIndex();
        await Index(index);
        repo.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete);

        var report = await Index(index, new IndexRequest(WorkingTree: true));

        Assert.Equal(RepoSnapshot.WorkingTree, report.Repos.Single().Revision);
        Assert.Equal(1, report.FilesParsed);
        Assert.Equal(1, index.Store.Endpoints(new EndpointQuery("orders", "DELETE")).Total);
    }

    [Fact]
    public async Task Oversized_and_binary_files_are_skipped_and_listed()
    {
        var repo = _workspace.AddRepo("orders");
        var binary = new byte[] { 0x7b, 0x00, 0x01, 0x02 };
        repo.Write("api/openapi.yaml", Specs.OrdersYaml).WriteBytes("data/blob.json", binary)
            .Write("huge/spec.yaml", "openapi: 3.1.0\n" + new string('#', 33 << 20)).Commit();
        var index = _workspace.OpenIndex();

        var report = await Index(index);

        var skipped = report.Repos.Single().Skipped;
        Assert.Contains(skipped, s => s.Path == "data/blob.json" && s.Reason == SkipReasons.Binary);
        Assert.Contains(skipped, s => s.Path == "huge/spec.yaml" && s.Reason.StartsWith(SkipReasons.TooLarge, StringComparison.Ordinal));
        Assert.Equal(3, index.Store.Endpoints(new EndpointQuery("orders")).Total);
        Assert.Equal(2, index.Store.Repos().Single().FilesSkipped);
    }

    [Fact]
    public async Task A_malformed_spec_yields_a_diagnostic_and_the_rest_of_the_repo_is_indexed()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml)
            .Write("api/broken.yaml", "openapi: 3.0.0\npaths:\n  /x:\n    get: [unclosed\n").Commit();
        var index = _workspace.OpenIndex();

        var report = await Index(index);

        Assert.Equal(RepoIndexStatus.Indexed, report.Repos.Single().Status);
        Assert.Equal(3, report.Endpoints);
        var surface = index.Store.Surface("orders")!;
        Assert.Contains(surface.Diagnostics, d => d.File == "api/broken.yaml");
    }

    [Fact]
    public async Task A_failure_while_writing_a_repo_leaves_its_previous_index_intact_and_other_repos_go_on()
    {
        var orders = _workspace.AddRepo("orders");
        orders.Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        var index = _workspace.OpenIndex();
        await Index(index);
        var before = index.Store.Surface("orders")!;
        // A real fault inside SQLite, halfway through the repo's transaction (after its old rows were deleted).
        using (var connection = new SqliteConnection($"Data Source={_workspace.DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER fail_delete BEFORE INSERT ON endpoints WHEN NEW.method = 'DELETE' BEGIN SELECT RAISE(ABORT, 'injected fault'); END;";
            command.ExecuteNonQuery();
        }

        orders.Write("api/openapi.yaml", Specs.OrdersYamlWithDelete).Commit();
        var report = await Index(index);

        var failed = report.Repos.Single(r => r.Repo == "orders");
        Assert.Equal(RepoIndexStatus.Failed, failed.Status);
        Assert.Contains("injected fault", failed.Error);
        var after = index.Store.Surface("orders")!;
        Assert.Equal(before.Endpoints.Select(e => e.Id), after.Endpoints.Select(e => e.Id));
        Assert.Equal(before.Schemas.Count, after.Schemas.Count);
        Assert.NotEqual(failed.Revision, index.Store.Repos().Single(r => r.Name == "orders").Revision);
        Assert.Equal(1, index.Store.Endpoints(new EndpointQuery("billing")).Total);
    }

    [Fact]
    public async Task Cancelling_an_index_keeps_what_was_stored()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        var index = _workspace.OpenIndex();
        await Index(index);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexAsync(new IndexRequest(Force: true), null, cancelled.Token));

        Assert.Equal(3, index.Store.Endpoints(new EndpointQuery("orders")).Total);
    }

    [Fact]
    public async Task A_bad_ref_fails_that_repo_only_with_the_valid_choices()
    {
        var orders = _workspace.AddRepo("orders");
        orders.Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        _workspace.WriteConfig(new { name = "orders", path = "orders", @ref = "no-such-branch" }, new { name = "billing", path = "billing" });

        var report = await Index(_workspace.OpenIndex());

        var failed = report.Repos.Single(r => r.Repo == "orders");
        Assert.Equal(RepoIndexStatus.Failed, failed.Status);
        Assert.Contains("unknown ref 'no-such-branch'", failed.Error);
        Assert.Equal(RepoIndexStatus.Indexed, report.Repos.Single(r => r.Repo == "billing").Status);
    }

    [Fact]
    public async Task Repos_removed_from_the_workspace_are_forgotten()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("billing").Write("docs/swagger.json", Specs.BillingJson).Commit();
        var index = _workspace.OpenIndex();
        await Index(index);

        _workspace.WriteConfig(new { name = "orders", path = "orders" });
        await Index(index);

        Assert.Equal(["orders"], index.Store.Repos().Select(r => r.Name));
        Assert.Equal(0, index.Store.Endpoints(new EndpointQuery("billing")).Total);
    }

    [Fact]
    public async Task A_spec_declared_twice_in_a_repo_gets_distinct_stable_ids()
    {
        _workspace.AddRepo("orders").Write("v1/openapi.yaml", Specs.OrdersYaml).Write("v2/openapi.yaml", Specs.OrdersYaml + "\n").Commit();
        var index = _workspace.OpenIndex();

        await Index(index);

        var ids = index.Store.Endpoints(new EndpointQuery("orders", "GET", "{id}")).Items.Select(r => (r.Endpoint.Id, r.Endpoint.File)).ToList();
        Assert.Equal([("orders:GET:/orders/{}", "v1/openapi.yaml"), ("orders:GET:/orders/{}#2", "v2/openapi.yaml")], ids);
    }
}
