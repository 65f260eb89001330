using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Reliability;

/// <summary>
/// A repo whose tree holds symbolic links in a loop, links pointing outside the repo and a 50 MB spec, committed and
/// in the working tree: the index skips each with its reason, reads nothing outside, and indexes the rest.
/// </summary>
public sealed class HostileRepoTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly TempRepo _repo;
    private readonly string _outside;

    public HostileRepoTests()
    {
        _outside = Path.Combine(Path.GetTempPath(), $"mesh-outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_outside);
        // A spec outside the repo: if a link were followed, its endpoint would show up in the index.
        File.WriteAllText(Path.Combine(_outside, "secret.yaml"), Specs.OrdersYaml.Replace("/orders", "/outside", StringComparison.Ordinal));
        _repo = _workspace.AddRepo("svc").Write("api/openapi.yaml", Specs.OrdersYaml);
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "loop-a"), "loop-b");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "loop-b"), "loop-a");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "api", "secret.yaml"), Path.Combine(_outside, "secret.yaml"));
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "up.yaml"), "../../../../../../../../etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_repo.Path, "outside-dir"), _outside);
        var huge = new byte[50 << 20];
        Specs.OrdersYaml.Select(c => (byte)c).ToArray().CopyTo(huge, 0);
        Array.Fill(huge, (byte)'#', Specs.OrdersYaml.Length, huge.Length - Specs.OrdersYaml.Length);
        _repo.WriteBytes("api/huge.yaml", huge);
        _repo.Commit("hostile");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Links_are_skipped_never_followed_and_a_huge_file_is_skipped_as_too_large(bool workingTree)
    {
        var index = _workspace.OpenIndex();

        var report = await index.IndexAsync(new IndexRequest(WorkingTree: workingTree)).WaitAsync(TimeSpan.FromMinutes(2));

        var repo = Assert.Single(report.Repos);
        Assert.True(repo.Error is null, repo.Error);
        var skipped = repo.Skipped.ToDictionary(s => s.Path, s => s.Reason, StringComparer.Ordinal);
        foreach (var link in new[] { "loop-a", "loop-b", "api/secret.yaml", "up.yaml", "outside-dir" })
            Assert.Equal(SkipReasons.Symlink, skipped.GetValueOrDefault(link));
        Assert.StartsWith(SkipReasons.TooLarge, skipped.GetValueOrDefault("api/huge.yaml"), StringComparison.Ordinal);
        var paths = index.Store.Endpoints(new Mesh.Engine.Storage.EndpointQuery(Limit: int.MaxValue)).Items.Select(e => e.Endpoint.Path).ToList();
        Assert.Contains(paths, p => p.StartsWith("/orders", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p.StartsWith("/outside", StringComparison.Ordinal));
    }
}
