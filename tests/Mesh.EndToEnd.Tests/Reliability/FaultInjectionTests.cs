using System.Diagnostics;
using Mesh.EndToEnd.Tests.Infrastructure;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.EndToEnd.Tests.Reliability;

/// <summary>
/// <c>mesh index</c> as a child process killed with SIGKILL at seeded random moments, writers racing each other, and
/// index files Mesh may not write. A store is whole when SQLite's integrity check passes and every repo in it is
/// exactly what a clean index of the revision it records holds (same endpoints, call sites and fact counts).
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static Task<ChildProcess.Completed> Mesh(string workspace, params string[] arguments)
    {
        var (command, args) = MeshBuild.Mesh([.. arguments, "--workspace", workspace]);
        return ChildProcess.RunAsync(command, args, Timeout);
    }

    /// <summary>The store of a clean index of every repo at revision a, and the fingerprints of clean indexes at a and b.</summary>
    private static async Task<(string PristineA, Dictionary<string, string> A, Dictionary<string, string> B, string LinksB, TimeSpan IndexB)> References(ChurnWorkspace workspace)
    {
        var atA = await Mesh(workspace.Root, "index");
        Assert.True(atA.ExitCode == 0, atA.ToString());
        SqliteConnection.ClearAllPools();
        var pristine = workspace.DatabasePath + ".a";
        CopyStore(workspace.DatabasePath, pristine);
        workspace.UseRevision("b");
        var referenceB = workspace.DatabasePath + ".b";
        var clock = Stopwatch.StartNew();
        var atB = await Mesh(workspace.Root, "index", "--db", referenceB);
        var indexB = clock.Elapsed;
        Assert.True(atB.ExitCode == 0, atB.ToString());
        return (pristine, ChurnWorkspace.Fingerprints(pristine), ChurnWorkspace.Fingerprints(referenceB), ChurnWorkspace.Links(referenceB), indexB);
    }

    /// <summary>Copies a closed store with its write-ahead log, or restores one over a store (dropping the target's log).</summary>
    private static void CopyStore(string from, string to)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(to + suffix)) File.Delete(to + suffix);
            if (File.Exists(from + suffix)) File.Copy(from + suffix, to + suffix);
        }
    }

    [Fact]
    public async Task Killed_at_random_points_the_store_holds_each_repo_at_the_old_or_new_revision_and_the_next_index_finishes()
    {
        using var workspace = ChurnWorkspace.Create(repos: 3, files: 80, operations: 100);
        var (pristine, a, b, linksB, indexB) = await References(workspace);
        Assert.NotEqual(a.Values, b.Values);
        var random = new Random(20260309);
        var outcomes = new List<string>();

        for (var round = 0; round < 5; round++)
        {
            CopyStore(pristine, workspace.DatabasePath);
            var delay = TimeSpan.FromMilliseconds(random.Next(50, (int)(indexB.TotalMilliseconds * 1.1)));
            var (command, args) = MeshBuild.Mesh("index", "--workspace", workspace.Root);
            await using (var child = ChildProcess.Start(command, args))
            {
                await Task.Delay(delay);
                child.Kill();
                await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            SqliteConnection.ClearAllPools();

            Assert.Equal("ok", ChurnWorkspace.IntegrityCheck(workspace.DatabasePath));
            var after = ChurnWorkspace.Fingerprints(workspace.DatabasePath);
            Assert.Equal(workspace.RepoNames, after.Keys.Order(StringComparer.Ordinal));
            foreach (var (repo, fingerprint) in after)
                Assert.True(fingerprint == a[repo] || fingerprint == b[repo],
                    $"round {round}, killed after {delay.TotalMilliseconds:0} ms: repo {repo} is neither its clean index at a nor at b:\n{fingerprint}\n--- a ---\n{a[repo]}\n--- b ---\n{b[repo]}");
            outcomes.Add($"killed after {delay.TotalMilliseconds:0} ms: {string.Join(", ", after.Select(p => $"{p.Key}@{(p.Value == b[p.Key] ? "b" : "a")}"))}");

            var finish = await Mesh(workspace.Root, "index");
            Assert.True(finish.ExitCode == 0, $"round {round}: the index after the kill failed\n{finish}");
            SqliteConnection.ClearAllPools();
            Assert.Equal(b, ChurnWorkspace.Fingerprints(workspace.DatabasePath));
            Assert.Equal(linksB, ChurnWorkspace.Links(workspace.DatabasePath));
        }
        output.WriteLine($"an uninterrupted index at b took {indexB.TotalMilliseconds:0} ms");
        foreach (var outcome in outcomes) output.WriteLine(outcome);
    }

    [Fact]
    public async Task Two_writers_at_once_both_finish_or_one_fails_with_a_clear_message_and_the_store_is_whole()
    {
        using var workspace = ChurnWorkspace.Create(repos: 3, files: 60, operations: 80);
        var (_, _, b, linksB, _) = await References(workspace);

        var first = Mesh(workspace.Root, "index");
        var second = Mesh(workspace.Root, "index", "--force");
        var results = await Task.WhenAll(first, second);

        foreach (var result in results)
            Assert.True(result.ExitCode == 0 || (result.ExitCode == 2 && result.Stderr.Contains("locked by another Mesh process", StringComparison.Ordinal)), result.ToString());
        SqliteConnection.ClearAllPools();
        Assert.Equal("ok", ChurnWorkspace.IntegrityCheck(workspace.DatabasePath));
        Assert.Equal(b, ChurnWorkspace.Fingerprints(workspace.DatabasePath));
        Assert.Equal(linksB, ChurnWorkspace.Links(workspace.DatabasePath));
    }

    [Fact]
    public async Task A_store_mesh_may_not_write_is_one_clear_sentence_and_exit_2()
    {
        using var workspace = ChurnWorkspace.Create(repos: 1, files: 2, operations: 2);
        var indexed = await Mesh(workspace.Root, "index");
        Assert.True(indexed.ExitCode == 0, indexed.ToString());
        workspace.UseRevision("b");
        SqliteConnection.ClearAllPools();

        var unwritable = await AsUserWithoutWriteAccess(workspace.Root, workspace.DatabasePath, "index", "--workspace", workspace.Root);
        var noFolder = await Mesh(workspace.Root, "index", "--db", Path.Combine(workspace.Root, "mesh.json", "mesh.db"));

        foreach (var result in new[] { unwritable, noFolder })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var message = result.Stderr.Trim();
            Assert.StartsWith("mesh: ", message);
            Assert.DoesNotContain('\n', message);
            Assert.DoesNotContain("   at ", message);
        }
        Assert.Contains("is read-only; give Mesh write access to the file and its folder, or pass --db with a writable path", unwritable.Stderr);
        Assert.Contains("cannot create the index folder", noFolder.Stderr);
    }

    /// <summary>The server's build output copied to a temporary folder that every user may read and enter.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static TempDirectory ReadableCopyOfBuild()
    {
        var copy = new TempDirectory("mesh-build");
        var enter = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                    UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(copy.Path, enter);
        var build = Path.GetDirectoryName(MeshBuild.MeshDll)!;
        foreach (var file in Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!, enter);
            File.Copy(file, target);
            File.SetUnixFileMode(target, enter);
        }
        return copy;
    }

    /// <summary>
    /// Runs mesh as a user that can read but not write the store: as root (whom file modes do not stop) through
    /// setpriv as nobody; otherwise with the store and its folder made read-only for the run.
    /// </summary>
    private static async Task<ChildProcess.Completed> AsUserWithoutWriteAccess(string workspace, string databasePath, params string[] arguments)
    {
        var (dotnet, args) = MeshBuild.Mesh(arguments);
        if (Environment.UserName == "root" && !OperatingSystem.IsWindows())
        {
            string[] asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups"];
            // A clone in a folder other users cannot enter (a 0700 home, mktemp -d): run a copy of the build they can read.
            using var readableCopy = await ChildProcess.RunAsync("setpriv", [.. asNobody, "test", "-r", MeshBuild.MeshDll], Timeout) is { ExitCode: 0 }
                ? null
                : ReadableCopyOfBuild();
            if (readableCopy is not null) args = [Path.Combine(readableCopy.Path, Path.GetFileName(MeshBuild.MeshDll)), .. args[1..]];
            return await ChildProcess.RunAsync("setpriv",
                [.. asNobody, "env", $"HOME={workspace}", $"DOTNET_CLI_HOME={workspace}", dotnet, .. args], Timeout);
        }
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("file modes are POSIX; the end-to-end tests run on Linux");
        var folder = Path.GetDirectoryName(databasePath)!;
        var readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(databasePath, readOnly);
        File.SetUnixFileMode(folder, readOnly | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        try
        {
            return await ChildProcess.RunAsync(dotnet, args, Timeout);
        }
        finally
        {
            File.SetUnixFileMode(folder, readOnly | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(databasePath, readOnly | UnixFileMode.UserWrite);
        }
    }
}
