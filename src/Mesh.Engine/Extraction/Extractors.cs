using Mesh.Engine.Extraction.Config;
using Mesh.Engine.Extraction.CSharp;
using Mesh.Engine.Extraction.JavaScript;
using Mesh.Engine.Extraction.OpenApi;
using Mesh.Engine.Extraction.Python;

namespace Mesh.Engine.Extraction;

/// <summary>The extractors an index runs, in a fixed order (their names and versions are part of every repo's signature).</summary>
public static class Extractors
{
    public static IReadOnlyList<IFileExtractor> All { get; } =
        [new OpenApiExtractor(), new CSharpExtractor(), new PythonExtractor(), new JavaScriptExtractor(), new ConfigExtractor()];
}
