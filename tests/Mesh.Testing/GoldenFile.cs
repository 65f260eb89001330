using System.Text;

namespace Mesh.Testing;

/// <summary>
/// Large expected outputs kept as files beside the tests and reviewed like code. With MESH_UPDATE_GOLDEN=1 the
/// file is (re)written from the actual output; review the diff before committing it.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "MESH_UPDATE_GOLDEN";

    /// <summary>The golden text to compare <paramref name="actual"/> with (line endings as '\n'): <c>Assert.Equal(GoldenFile.Expected(path, actual), actual)</c>.</summary>
    public static string Expected(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"no golden file {path}; run the tests once with {UpdateVariable}=1 and review it", path);
        return File.ReadAllText(path).ReplaceLineEndings("\n");
    }
}
