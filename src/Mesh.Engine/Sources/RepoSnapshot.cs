using LibGit2Sharp;

namespace Mesh.Engine.Sources;

/// <summary>A file of a snapshot: repo-relative path with '/', git blob id, size in bytes (<see cref="UnknownSize"/> when its object is missing).</summary>
public sealed record SnapshotFile(string Path, string BlobId, long Size)
{
    public const long UnknownSize = -1;
}

/// <summary>A listed file whose bytes cannot be read (its git object is missing, or it vanished from the working tree).</summary>
public sealed class UnreadableFileException(string path, string reason, Exception? inner = null)
    : MeshException($"{path} cannot be read: {reason}", inner)
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}

/// <summary>A file or folder that was not read, and why. Folders end with '/'.</summary>
public sealed record SkippedFile(string Path, string Reason);

public static class SkipReasons
{
    public const string Folder = "excluded folder";
    public const string Glob = "excluded by glob";
    public const string Symlink = "symbolic link";
    public const string Submodule = "submodule";
    public const string TooLarge = "too large";
    public const string Binary = "binary";
    public const string Unreadable = "unreadable";
    public const string Minified = "minified";
}

/// <summary>
/// The files of a repo at one point: a commit read through libgit2 without checkout, or the working tree with
/// uncommitted edits. Enumerating is cheap (names and blob ids); bytes are read only on demand.
/// </summary>
public abstract class RepoSnapshot : IDisposable
{
    public const string WorkingTree = "worktree";

    protected RepoSnapshot(RepoConfig repo, Repository git, FileFilter filter)
    {
        Repo = repo;
        Git = git;
        Filter = filter;
    }

    public RepoConfig Repo { get; }
    protected Repository Git { get; }
    protected FileFilter Filter { get; }
    protected List<SkippedFile> SkippedList { get; } = [];

    /// <summary>The commit id, or <see cref="WorkingTree"/>.</summary>
    public abstract string Revision { get; }

    /// <summary>Files and folders passed over while enumerating <see cref="Files"/>.</summary>
    public IReadOnlyList<SkippedFile> Skipped => SkippedList;

    public abstract IEnumerable<SnapshotFile> Files();

    public abstract byte[] Read(SnapshotFile file);

    /// <summary>Opens <paramref name="repo"/> at <paramref name="reference"/> (default: the repo's ref or HEAD), or its working tree.</summary>
    public static RepoSnapshot Open(RepoConfig repo, string? reference = null, bool workingTree = false)
    {
        Repository git;
        try
        {
            git = new Repository(repo.Path);
        }
        catch (LibGit2SharpException e)
        {
            throw new MeshException($"repo '{repo.Name}' at {repo.Path} cannot be opened as a git repository: {e.Message}");
        }
        var filter = new FileFilter(repo.Exclude);
        try
        {
            if (workingTree)
            {
                if (git.Info.IsBare) throw new MeshException($"repo '{repo.Name}' is bare: it has no working tree; index a ref instead");
                return new WorkingTreeSnapshot(repo, git, filter);
            }
            return new CommitSnapshot(repo, git, filter, ResolveCommit(repo, git, reference ?? repo.RefOrHead));
        }
        catch
        {
            git.Dispose();
            throw;
        }
    }

    private static Commit ResolveCommit(RepoConfig repo, Repository git, string reference)
    {
        // libgit2 reads a C string: "HEAD\0x" would silently resolve as HEAD.
        if (reference.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') is >= 0 and var control)
            throw new MeshException($"'{Suggest.Shown(reference.ReplaceLineEndings(" "))}' is not a valid ref in repo '{repo.Name}': it holds a control character (U+{(int)reference[control]:X4} at character {control + 1}); valid: a commit id, branch, tag, HEAD or HEAD~N");
        if (string.IsNullOrWhiteSpace(reference))
            throw new MeshException($"an empty ref is not a revision of repo '{repo.Name}'; valid: a commit id, branch, tag, HEAD or HEAD~N");
        if (git.Info.IsHeadUnborn && reference == "HEAD")
            throw new MeshException($"repo '{repo.Name}' has no commits yet; commit something first, or index its working tree (--worktree)");
        Commit? commit = null;
        try
        {
            commit = git.Lookup<Commit>(reference);
        }
        catch (LibGit2SharpException)
        {
            // An invalid or ambiguous spec is reported like an unknown one.
        }
        if (commit is null)
        {
            var known = git.Branches.Select(b => b.FriendlyName).Concat(git.Tags.Select(t => t.FriendlyName))
                .Order(StringComparer.Ordinal).Take(20).ToList();
            throw new UnknownRefException(repo.Name, reference, known);
        }
        return commit;
    }

    public void Dispose()
    {
        Git.Dispose();
        GC.SuppressFinalize(this);
    }
}

internal sealed class CommitSnapshot(RepoConfig repo, Repository git, FileFilter filter, Commit commit)
    : RepoSnapshot(repo, git, filter)
{
    public override string Revision => commit.Sha;

    public override IEnumerable<SnapshotFile> Files()
    {
        SkippedList.Clear();
        return Walk(commit.Tree, "");
    }

    private IEnumerable<SnapshotFile> Walk(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree when Filter.SkipsFolder(entry.Name):
                    SkippedList.Add(new SkippedFile(path + "/", SkipReasons.Folder));
                    break;
                case TreeEntryTargetType.Tree:
                    if (SubtreeOf(entry) is { } subtree)
                        foreach (var file in Walk(subtree, path + "/")) yield return file;
                    else
                        SkippedList.Add(new SkippedFile(path + "/", $"{SkipReasons.Unreadable}: {MissingObject(entry.Target.Sha)}"));
                    break;
                case TreeEntryTargetType.GitLink:
                    SkippedList.Add(new SkippedFile(path, SkipReasons.Submodule));
                    break;
                case TreeEntryTargetType.Blob when entry.Mode == Mode.SymbolicLink:
                    SkippedList.Add(new SkippedFile(path, SkipReasons.Symlink));
                    break;
                case TreeEntryTargetType.Blob when Filter.Excludes(path):
                    SkippedList.Add(new SkippedFile(path, SkipReasons.Glob));
                    break;
                case TreeEntryTargetType.Blob:
                    // A missing blob is still listed: its facts may be cached by blob id; reading it is what fails.
                    yield return new SnapshotFile(path, entry.Target.Sha, SizeOf(entry.Target.Id));
                    break;
            }
        }
    }

    private long SizeOf(ObjectId id)
    {
        try
        {
            return Git.ObjectDatabase.RetrieveObjectMetadata(id).Size;
        }
        catch (NotFoundException)
        {
            return SnapshotFile.UnknownSize;
        }
    }

    /// <summary>The folder's tree, or null when its object is missing (a partial clone that left trees out).</summary>
    private Tree? SubtreeOf(TreeEntry entry)
    {
        try
        {
            var tree = (Tree)entry.Target;
            _ = tree.Count;
            return tree;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public override byte[] Read(SnapshotFile file)
    {
        try
        {
            var blob = Git.Lookup<Blob>(file.BlobId) ?? throw new UnreadableFileException(file.Path, MissingObject(file.BlobId));
            using var stream = blob.GetContentStream();
            var bytes = new byte[blob.Size];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (NotFoundException e)
        {
            throw new UnreadableFileException(file.Path, MissingObject(file.BlobId), e);
        }
        catch (LibGit2SharpException e)
        {
            throw new UnreadableFileException(file.Path, $"git object {file.BlobId} cannot be read: {e.Message}", e);
        }
    }

    private static string MissingObject(string sha) =>
        $"git object {sha} is missing from the repository (a partial clone or an incomplete copy of .git/objects); fetch it to index this";
}

/// <summary>The working tree: unmodified tracked files take their index blob id; edited and untracked files are hashed as git would.</summary>
internal sealed class WorkingTreeSnapshot(RepoConfig repo, Repository git, FileFilter filter)
    : RepoSnapshot(repo, git, filter)
{
    /// <summary>Stands in for the index id of a submodule (a commit of another repo, listed as skipped as at a commit); no blob id looks like it.</summary>
    private const string Submodule = "submodule";

    private const FileStatus Edited = FileStatus.ModifiedInWorkdir | FileStatus.NewInWorkdir | FileStatus.TypeChangeInWorkdir | FileStatus.RenamedInWorkdir;

    public override string Revision => WorkingTree;

    public override IEnumerable<SnapshotFile> Files()
    {
        SkippedList.Clear();
        var status = Git.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false });
        var edited = new HashSet<string>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in status)
        {
            if ((entry.State & FileStatus.DeletedFromWorkdir) != 0) deleted.Add(entry.FilePath);
            else if ((entry.State & Edited) != 0) edited.Add(entry.FilePath);
        }
        var paths = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in Git.Index)
            if (!deleted.Contains(entry.Path))
                paths[entry.Path] = entry.Mode switch { Mode.SymbolicLink => null, Mode.GitLink => Submodule, _ => entry.Id.Sha };
        foreach (var path in edited)
            if (paths.GetValueOrDefault(path) != Submodule) paths[path] = "";

        var skippedFolders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, indexId) in paths)
        {
            var folder = SkippedFolderOf(path);
            if (folder is not null) { skippedFolders.Add(folder); continue; }
            if (indexId == Submodule) { SkippedList.Add(new SkippedFile(path, SkipReasons.Submodule)); continue; }
            if (Filter.Excludes(path)) { SkippedList.Add(new SkippedFile(path, SkipReasons.Glob)); continue; }
            var info = new FileInfo(System.IO.Path.Combine(Git.Info.WorkingDirectory, path));
            if (indexId is null || info.LinkTarget is not null) { SkippedList.Add(new SkippedFile(path, SkipReasons.Symlink)); continue; }
            if (!info.Exists) continue;
            var blobId = edited.Contains(path) || indexId.Length == 0 ? GitBlobId.Compute(File.ReadAllBytes(info.FullName)) : indexId;
            yield return new SnapshotFile(path, blobId, info.Length);
        }
        SkippedList.AddRange(skippedFolders.Select(f => new SkippedFile(f, SkipReasons.Folder)));
    }

    private string? SkippedFolderOf(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
            if (Filter.SkipsFolder(segments[i])) return string.Join('/', segments[..(i + 1)]) + "/";
        return null;
    }

    public override byte[] Read(SnapshotFile file)
    {
        try
        {
            return File.ReadAllBytes(System.IO.Path.Combine(Git.Info.WorkingDirectory, file.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Edited, moved or locked between listing and reading: this file is lost to this run, not the repo.
            throw new UnreadableFileException(file.Path, e.Message, e);
        }
    }
}
