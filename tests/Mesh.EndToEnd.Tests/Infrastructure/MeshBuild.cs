using System.Reflection;

namespace Mesh.EndToEnd.Tests.Infrastructure;

/// <summary>Where the built <c>mesh</c> server and the repo's files are, found from the test assembly's own location.</summary>
public static class MeshBuild
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The configuration this test assembly was built in; the server is built in the same one (project reference).</summary>
    public static string Configuration { get; } =
        typeof(MeshBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string MeshDll => Path.Combine(RepoRoot, "src", "Mesh.McpServer", "bin", Configuration, "net10.0", "mesh.dll");

    /// <summary>The dotnet host running these tests (set by the dotnet CLI for its children), else the one on PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static string ClientFolder => Path.Combine(RepoRoot, "tests", "Mesh.EndToEnd.Tests", "client");

    /// <summary>dotnet + mesh.dll + the verb's arguments, checked to exist so a missing build fails with a clear message.</summary>
    public static (string Command, string[] Arguments) Mesh(params string[] arguments)
    {
        if (!File.Exists(MeshDll))
            throw new InvalidOperationException($"the server is not built at {MeshDll}; run 'dotnet build Mesh.sln -c {Configuration}' first");
        return (DotnetHost, [MeshDll, .. arguments]);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Mesh.sln found above {AppContext.BaseDirectory}");
    }
}
