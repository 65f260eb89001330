using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Mesh.Bench.Scale;

/// <summary>One <c>mesh index</c> run as a child process: wall time, CPU time, peak resident memory and what it reported.</summary>
/// <param name="ReportedSeconds">What mesh reports for reading, extracting, resolving and writing the repos.</param>
/// <param name="LinkSeconds">What mesh reports for linking afterwards.</param>
public sealed record IndexRun(double WallSeconds, double CpuSeconds, long PeakBytes, double ReportedSeconds, double LinkSeconds, int FilesSeen, int FilesParsed, int Endpoints, int Links)
{
    private static readonly Regex Summary = new(@"Indexed \d+ repo\(s\) in (?<seconds>[\d.]+) s: (?<seen>\d+) file\(s\) seen, (?<parsed>\d+) parsed, \d+ skipped, (?<endpoints>\d+) endpoint\(s\)");
    private static readonly Regex Linked = new(@"\((?<links>\d+) link\(s\)\)");
    private static readonly Regex LinkTime = new(@"(?:linked every call site again|re-linked \d+ call site).* in (?<seconds>[\d.]+) s");

    /// <summary>Reads the summary lines <c>mesh index</c> prints.</summary>
    public static IndexRun Parse(string output, double wallSeconds, double cpuSeconds, long peakBytes)
    {
        var summary = Summary.Match(output);
        if (!summary.Success) throw new InvalidOperationException($"mesh index printed no summary:\n{output}");
        var linked = Linked.Match(output);
        var linkTime = LinkTime.Match(output);
        return new IndexRun(wallSeconds, cpuSeconds, peakBytes, Seconds(summary.Groups["seconds"].Value), linkTime.Success ? Seconds(linkTime.Groups["seconds"].Value) : 0,
            int.Parse(summary.Groups["seen"].Value), int.Parse(summary.Groups["parsed"].Value), int.Parse(summary.Groups["endpoints"].Value),
            linked.Success ? int.Parse(linked.Groups["links"].Value) : 0);
    }

    private static double Seconds(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The <c>mesh</c> CLI (same configuration as this benchmark), run as a child process: the build output, or after
/// <see cref="PublishAsync"/> the form the tool package installs (ReadyToRun, for this machine's runtime identifier).
/// </summary>
public static class MeshProcess
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Configuration { get; } =
        typeof(MeshProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string MeshDll { get; private set; } = Path.Combine(RepoRoot, "src", "Mesh.McpServer", "bin", Configuration, "net10.0", "mesh.dll");

    /// <summary>True once <see cref="PublishAsync"/> pointed <see cref="MeshDll"/> at the published server.</summary>
    public static bool Published { get; private set; }

    /// <summary>
    /// Publishes the server as <c>dotnet pack</c> builds the tool (ReadyToRun, framework-dependent, this machine's runtime
    /// identifier) into artifacts/bench, and runs that from now on: start-up is measured on what users install.
    /// </summary>
    public static async Task PublishAsync()
    {
        var output = Path.Combine(RepoRoot, "artifacts", "bench", $"mesh-{Configuration.ToLowerInvariant()}");
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", Path.Combine(RepoRoot, "src", "Mesh.McpServer"), "-c", Configuration, "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
                     "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-v", "q", "-nologo" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var log = await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish of the server failed ({process.ExitCode}):\n{string.Join('\n', log)}");
        MeshDll = Path.Combine(output, "mesh.dll");
        Published = true;
    }

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static (string Command, string[] Arguments) Command(params string[] arguments)
    {
        if (!File.Exists(MeshDll)) throw new InvalidOperationException($"mesh is not built at {MeshDll}; build bench/Mesh.Bench (it builds the server first)");
        return (DotnetHost, [MeshDll, .. arguments]);
    }

    /// <summary>Runs <c>mesh index</c> on the workspace, sampling the child's VmHWM (peak resident set) while it runs.</summary>
    public static async Task<IndexRun> IndexAsync(string workspace)
    {
        var (command, arguments) = Command("index", "--workspace", workspace);
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(20));
        }
        await process.WaitForExitAsync();
        var wall = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"mesh index exited with {process.ExitCode}:\n{await output}\n{await error}");
        return IndexRun.Parse(await output, wall, ChildrenCpuSeconds() - cpuBefore, peak);
    }

    /// <summary>How long <c>mesh --help</c> takes from start to exit: the floor under the server's start-up (dotnet host, runtime, CLI parsing).</summary>
    public static async Task<double> HelpMilliseconds()
    {
        var (command, arguments) = Command("--help");
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync(), process.WaitForExitAsync());
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>VmHWM of a running process (0 when it is gone): the kernel's high-water mark of its resident memory.</summary>
    public static long PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>User + system CPU of every child this process has waited for (getrusage RUSAGE_CHILDREN); the difference around one run is that run's.</summary>
    public static double ChildrenCpuSeconds()
    {
        // struct rusage on 64-bit Linux starts with two struct timeval (seconds, microseconds as longs), then 14 longs.
        var usage = new long[18];
        if (!OperatingSystem.IsLinux() || GetRusage(-1, usage) != 0) return double.NaN;
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, long[] usage);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Mesh.sln found above {AppContext.BaseDirectory}");
    }
}
