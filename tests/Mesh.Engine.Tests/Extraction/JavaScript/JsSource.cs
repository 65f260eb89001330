using System.Text;
using Mesh.Engine.Extraction;
using Mesh.Engine.Extraction.JavaScript;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

/// <summary>Runs the JavaScript/TypeScript extractor on a fixture written inline, through its public entry.</summary>
internal static class JsSource
{
    public static FileFacts Extract(string path, string source) => new JavaScriptExtractor().Extract(path, Encoding.UTF8.GetBytes(source));

    /// <summary>1-based line of the only line containing <paramref name="marker"/>.</summary>
    public static int LineOf(string source, string marker)
    {
        var lines = source.Split('\n');
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"marker '{marker}' is on {found.Count} lines of the fixture");
        return found[0] + 1;
    }
}
