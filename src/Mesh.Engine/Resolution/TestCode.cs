namespace Mesh.Engine.Resolution;

/// <summary>Whether a repo-relative path is test code, by the folder and file conventions of .NET, Python (pytest's <c>conftest.py</c>, Django's <c>tests.py</c>) and JS/TS.</summary>
public static class TestCode
{
    private static readonly string[] TestFolders = ["test", "tests", "__tests__", "spec", "specs", "e2e", "testing"];

    public static bool IsTestPath(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var folder = segments[i];
            if (TestFolders.Contains(folder, StringComparer.OrdinalIgnoreCase)) return true;
            if (folder.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) || folder.EndsWith(".Test", StringComparison.OrdinalIgnoreCase)) return true;
        }
        var name = segments[^1];
        return name.StartsWith("test_", StringComparison.Ordinal)
            || name is "conftest.py" or "tests.py"
            || name.Contains(".test.", StringComparison.Ordinal)
            || name.Contains(".spec.", StringComparison.Ordinal)
            || System.IO.Path.GetFileNameWithoutExtension(name).EndsWith("_test", StringComparison.Ordinal)
            || System.IO.Path.GetFileNameWithoutExtension(name).EndsWith("Tests", StringComparison.Ordinal);
    }
}
