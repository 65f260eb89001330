using System.Text.Json;
using Mesh.Engine.Indexing;

namespace Mesh.Testing;

/// <summary>A workspace folder of temp repos; disposing deletes everything.</summary>
public sealed class TempWorkspace : IDisposable
{
    private readonly TempDirectory _directory = new("mesh-ws");

    public string Root => _directory.Path;

    public string DatabasePath => System.IO.Path.Combine(Root, ".mesh", "mesh.db");

    public TempRepo AddRepo(string name) => TempRepo.Init(Root, name);

    /// <summary>Writes mesh.json; each repo is (name, path relative to the workspace, ref, exclude globs).</summary>
    public void WriteConfig(params object[] repos) =>
        File.WriteAllText(System.IO.Path.Combine(Root, "mesh.json"), JsonSerializer.Serialize(new { repos }));

    public WorkspaceIndex OpenIndex() => WorkspaceIndex.Open(Root);

    public void Dispose() => _directory.Dispose();
}
