using Mesh.Engine.Indexing;
using Mesh.Engine.Model;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Extraction.CSharp;

/// <summary>Indexes a one-repo workspace made of the given files and returns the stored surface.</summary>
internal static class CSharpRepo
{
    public static async Task<RepoSurface> Index(params (string Path, string Content)[] files)
    {
        using var workspace = new TempWorkspace();
        var repo = workspace.AddRepo("svc");
        foreach (var (path, content) in files) repo.Write(path, content);
        repo.Commit();
        var index = workspace.OpenIndex();
        var report = await index.IndexAsync(new IndexRequest());
        Assert.Equal(0, report.Failed);
        var surface = index.Store.Surface("svc")!;
        SqliteConnection.ClearAllPools();
        return surface;
    }

    public static Endpoint Single(RepoSurface surface, string method, string path) =>
        Assert.Single(surface.Endpoints, e => e.Method == method && e.Path == path);

    public static string Routes(RepoSurface surface) =>
        string.Join("\n", surface.Endpoints.Select(e => $"{e.Method} {e.Path} {e.File}:{e.Line}"));

    public static int LineOf(string content, string text)
    {
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' not in fixture");
        return content[..index].Count(c => c == '\n') + 1;
    }
}
