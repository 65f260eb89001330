using System.Text;
using Mesh.Engine.Extraction;
using Mesh.Engine.Extraction.Python;

namespace Mesh.Engine.Tests.Extraction.Python;

/// <summary>Runs the Python extractor on a fixture written inline, through its public entry.</summary>
internal static class PythonSource
{
    public static FileFacts Extract(string source, string path = "app/fixture.py") =>
        new PythonExtractor().Extract(path, Encoding.UTF8.GetBytes(source));

    /// <summary>A repo of these Python files, extracted and composed by the resolver the way indexing does.</summary>
    public static Mesh.Engine.Model.RepoSurface Resolve(params (string Path, string Source)[] files)
    {
        var extractor = new PythonExtractor();
        return Mesh.Engine.Resolution.RepoResolver.Resolve("svc",
            files.Select(f => new Mesh.Engine.Storage.IndexedFile(f.Path, "blob:" + f.Path, extractor.Name, extractor.Version, Extract(f.Source, f.Path), Parsed: true)).ToList());
    }

    /// <summary>A schema as JSON, to compare by value (records hold lists, which compare by reference).</summary>
    public static string Json(Mesh.Engine.Model.ApiSchema? schema) => System.Text.Json.JsonSerializer.Serialize(schema);

    /// <summary>1-based line of the only line containing <paramref name="marker"/>.</summary>
    public static int LineOf(string source, string marker)
    {
        var lines = source.Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"marker '{marker}' is on {found.Count} lines of the fixture");
        return found[0] + 1;
    }
}
