using System.Text;
using LibGit2Sharp;
using Mesh.Engine.Sources;

namespace Mesh.Engine.Queries;

/// <summary>A few lines of a repo's file around a line, as it was indexed (1-based numbers), to show code to an agent.</summary>
public sealed record CodeExcerpt(int FirstLine, IReadOnlyList<string> Lines);

/// <summary>Reads excerpts from the indexed blob (or the working tree when the blob was never committed).</summary>
public static class CodeExcerpts
{
    private const int MaxLineLength = 240;

    public static CodeExcerpt? Around(RepoConfig repo, string file, string? blobId, int line, int context = 2)
    {
        var text = Read(repo, file, blobId);
        if (text is null) return null;
        var lines = text.Split('\n');
        var first = Math.Max(1, line - context);
        var last = Math.Min(lines.Length, line + context);
        if (first > last) return null;
        return new CodeExcerpt(first, lines[(first - 1)..last].Select(l => Clip(l.TrimEnd('\r'))).ToList());
    }

    private static string Clip(string line) => line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "…";

    /// <summary>Whether an excerpt's line was cut to fit (then it is not the file's line, and must not be written back).</summary>
    public static bool IsClipped(string line) => line.Length > MaxLineLength;

    private static string? Read(RepoConfig repo, string file, string? blobId)
    {
        try
        {
            if (blobId is not null && Repository.IsValid(repo.Path))
            {
                using var git = new Repository(repo.Path);
                if (git.Lookup<Blob>(blobId) is { } blob) return blob.GetContentText(new FilteringOptions(file));
            }
            var path = Path.GetFullPath(Path.Combine(repo.Path, file));
            // A stored path must never lead outside its repo.
            if (!path.StartsWith(Path.GetFullPath(repo.Path) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) return null;
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
