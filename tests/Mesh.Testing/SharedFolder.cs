namespace Mesh.Testing;

/// <summary>The read-only <c>shared</c> folder that sits next to the repository (on CI too); missing it fails, never skips.</summary>
public static class SharedFolder
{
    public static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"no shared/{name} folder above {AppContext.BaseDirectory}");
    }
}
