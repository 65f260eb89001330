using LibGit2Sharp;
using Mesh.Engine.Indexing;

namespace Mesh.Engine.Context.Files;

/// <summary>A context file of a repo: its bytes now (null when absent) and the bytes it should have.</summary>
public sealed record ContextFile(string Repo, string Path, string FullPath, byte[]? Current, byte[] Desired)
{
    public bool IsStale => Current is null || !Current.AsSpan().SequenceEqual(Desired);
}

/// <summary>Plans and writes the context files of repos, for the agents asked for.</summary>
public static class ContextFiles
{
    public static readonly IReadOnlyList<IContextFileWriter> Writers =
    [
        new AgentsMdWriter(),
        new ClaudeMdWriter(),
        new CursorRuleWriter(),
        new CopilotInstructionsWriter(),
        new WindsurfRuleWriter(),
    ];

    public static IReadOnlyList<string> Targets { get; } = [.. Writers.Select(w => w.Target)];

    /// <summary>The writers for target names (<c>all</c> for every one); throws <see cref="MeshException"/> naming the valid ones.</summary>
    public static IReadOnlyList<IContextFileWriter> For(IEnumerable<string> targets)
    {
        var names = targets.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => t.ToLowerInvariant()).ToList();
        if (names.Count == 0 || names.Contains("all")) return Writers;
        var unknown = names.Where(n => !Targets.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new MeshException($"unknown target '{unknown[0]}'; valid: {string.Join(", ", Targets)}, all");
        return [.. Writers.Where(w => names.Contains(w.Target))];
    }

    /// <summary>Every file of every repo asked for, with its current and desired bytes; nothing is written.</summary>
    public static IReadOnlyList<ContextFile> Plan(WorkspaceIndex index, IReadOnlyList<string> repos, IReadOnlyList<IContextFileWriter> writers,
        CancellationToken cancellationToken = default)
    {
        var query = new ContextQuery(index);
        var files = new List<ContextFile>();
        foreach (var name in repos)
        {
            var repo = index.Repo(name);
            if (Repository.IsValid(repo.Path))
            {
                using var git = new Repository(repo.Path);
                if (git.Info.IsBare) throw new MeshException($"repo '{name}' is bare: it has no working tree to write context files into");
            }
            var context = query.Build(name, cancellationToken);
            foreach (var writer in writers)
            {
                var full = System.IO.Path.Combine(repo.Path, writer.Path.Replace('/', System.IO.Path.DirectorySeparatorChar));
                var current = File.Exists(full) ? File.ReadAllBytes(full) : null;
                byte[] desired;
                try
                {
                    desired = writer.Update(current, context);
                }
                catch (MeshException e)
                {
                    throw new MeshException($"{name}/{writer.Path}: {e.Message}", e);
                }
                files.Add(new ContextFile(name, writer.Path, full, current, desired));
            }
        }
        return files;
    }

    public static void Write(ContextFile file)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file.FullPath)!);
        File.WriteAllBytes(file.FullPath, file.Desired);
    }
}
