using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Mesh.Bench.Scale;

/// <param name="Repos">How many repos; languages take turns (C#, Python, TypeScript).</param>
/// <param name="LinesPerRepo">Lines per repo, about: the linked core plus filler from the extraction corpora.</param>
/// <param name="TargetsPerRepo">How many other repos each repo calls (three calls each).</param>
public sealed record ScaleOptions(int Repos, int Seed = 7, int LinesPerRepo = 2000, int TargetsPerRepo = 3);

public sealed record GeneratedRepo(string Name, Language Language, string Commit, IReadOnlyList<string> Files, long Lines, long Bytes)
{
    public string ProviderFile => ServiceCode.Provider(Language, Name, 0).Path;
}

/// <summary>A call site the generator wrote to reach <see cref="Endpoint"/> in another repo.</summary>
public sealed record DeclaredLink(string Repo, string File, int Line, string Endpoint);

public sealed record GeneratedWorkspace(string Root, IReadOnlyList<GeneratedRepo> Repos, IReadOnlyList<DeclaredLink> Links)
{
    public int Files => Repos.Sum(r => r.Files.Count);
    public long Lines => Repos.Sum(r => r.Lines);
    public long Bytes => Repos.Sum(r => r.Bytes);
}

/// <summary>What <see cref="ScaleWorkspace.Change"/> committed: files changed, repos with a new commit, repos whose API changed.</summary>
public sealed record ChangeSet(int FilesChanged, IReadOnlyList<string> ReposCommitted, IReadOnlyList<string> ApiChangedRepos);

/// <summary>
/// Writes a workspace of real git repos (and its <c>mesh.json</c>) at a chosen scale. Each repo has a linked core in its
/// language (<see cref="ServiceCode"/>: an API under <c>/{repo}/items</c>, clients of a few other repos whose bases name
/// them) and filler from <see cref="CSharpCorpus"/>, <see cref="PythonCorpus"/> or <see cref="ScriptCorpus"/> with its
/// API paths moved under <c>/api/{repo}/</c>, so repos do not all serve the same routes. Same seed, same commit ids.
/// </summary>
public static class ScaleWorkspace
{
    private static readonly string[] Words = ["orders", "billing", "catalog", "users", "search", "shipping", "payments", "reviews"];
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Regex FillerRoute = new("""(?<quote>["'`])(?<slash>/?)(?<segment>api|legacy)/""", RegexOptions.Compiled);
    private static readonly Regex NestController = new("""@Controller\("(?<path>[^"]*)"\)""", RegexOptions.Compiled);

    public static string RepoName(int index) => $"{Words[index % Words.Length]}{index:D4}";

    public static Language LanguageOf(int index) => (Language)(index % 3);

    /// <summary>The repos repo <paramref name="index"/> calls: distinct, never itself.</summary>
    public static IReadOnlyList<Target> Targets(ScaleOptions options, int index)
    {
        var random = new Random(unchecked(options.Seed * 7919 + index));
        var count = Math.Min(options.TargetsPerRepo, options.Repos - 1);
        var chosen = new SortedSet<int>();
        while (chosen.Count < count)
            if (random.Next(options.Repos) is var t && t != index) chosen.Add(t);
        return chosen.Select(t => new Target(RepoName(t), LanguageOf(t))).ToList();
    }

    public static GeneratedWorkspace Write(string root, ScaleOptions options) => Generate(root, options, write: true);

    /// <summary>What <see cref="Write"/> writes with these options, without writing anything (commit ids are left empty).</summary>
    public static GeneratedWorkspace Plan(string root, ScaleOptions options) => Generate(root, options, write: false);

    private static GeneratedWorkspace Generate(string root, ScaleOptions options, bool write)
    {
        var repos = new GeneratedRepo[options.Repos];
        var links = new List<DeclaredLink>[options.Repos];
        Parallel.For(0, options.Repos, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => (repos[i], links[i]) = GenerateRepo(root, options, i, write));
        if (!write) return new GeneratedWorkspace(root, repos, links.SelectMany(l => l).ToList());
        File.WriteAllText(Path.Combine(root, "mesh.json"), JsonSerializer.Serialize(
            new { repos = repos.Select(r => new { name = r.Name, path = r.Name }) }, new JsonSerializerOptions { WriteIndented = true }));
        return new GeneratedWorkspace(root, repos, links.SelectMany(l => l).ToList());
    }

    private static (GeneratedRepo, List<DeclaredLink>) GenerateRepo(string root, ScaleOptions options, int index, bool write)
    {
        var name = RepoName(index);
        var language = LanguageOf(index);
        var files = new List<(string Path, string Text)>();
        var links = new List<DeclaredLink>();
        var provider = ServiceCode.Provider(language, name, 0);
        files.Add((provider.Path, provider.Text));
        foreach (var consumer in ServiceCode.Consumers(language, name, Targets(options, index)))
        {
            files.Add((consumer.Path, consumer.Text));
            links.AddRange(consumer.Calls.Select(c => new DeclaredLink(name, consumer.Path, c.Line, c.Endpoint)));
        }
        var lines = files.Sum(f => (long)Lines(f.Text));
        foreach (var (path, text) in Filler(language, unchecked(options.Seed * 31 + index), options.LinesPerRepo))
        {
            if (lines >= options.LinesPerRepo) break;
            var moved = MoveRoutes(text, name);
            files.Add(($"lib/{path}", moved));
            lines += Lines(moved);
        }

        var repoPath = Path.Combine(root, name);
        if (write) Repository.Init(repoPath);
        long bytes = 0;
        foreach (var (path, text) in files)
        {
            var content = Encoding.UTF8.GetBytes(text);
            bytes += content.Length;
            if (!write) continue;
            var target = Path.Combine(repoPath, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
        }
        var commit = write ? Commit(repoPath, "initial", Epoch.AddMinutes(index)) : "";
        return (new GeneratedRepo(name, language, commit, files.Select(f => f.Path).ToList(), lines, bytes), links);
    }

    /// <summary>
    /// Changes about <paramref name="fraction"/> of all files and commits in each repo touched: the provider of every 50th repo
    /// gets its API changed (<see cref="ServiceCode.Routes"/> variant 1), other files picked at random get a line appended.
    /// </summary>
    public static ChangeSet Change(GeneratedWorkspace workspace, double fraction, int seed)
    {
        var apiRepos = workspace.Repos.Where((_, i) => i % 50 == 0).ToList();
        var wanted = Math.Max(apiRepos.Count, (int)Math.Round(workspace.Files * fraction));
        var others = workspace.Repos.SelectMany(r => r.Files.Where(f => f != r.ProviderFile).Select(f => (Repo: r, File: f))).ToList();
        var random = new Random(seed);
        var picked = new SortedSet<int>();
        while (picked.Count < Math.Min(wanted - apiRepos.Count, others.Count)) picked.Add(random.Next(others.Count));

        var touched = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var repo in apiRepos)
        {
            var provider = ServiceCode.Provider(repo.Language, repo.Name, 1);
            File.WriteAllText(Path.Combine(workspace.Root, repo.Name, provider.Path), provider.Text);
            touched.Add(repo.Name);
        }
        foreach (var (repo, file) in picked.Select(p => others[p]))
        {
            var comment = file.EndsWith(".py", StringComparison.Ordinal) || file == ".env" ? "#" : "//";
            File.AppendAllText(Path.Combine(workspace.Root, repo.Name, file), $"{comment} touched by the benchmark (seed {seed})\n");
            touched.Add(repo.Name);
        }
        foreach (var name in touched) Commit(Path.Combine(workspace.Root, name), "change about 1 % of the files", Epoch.AddDays(1));
        return new ChangeSet(apiRepos.Count + picked.Count, touched.ToList(), apiRepos.Select(r => r.Name).ToList());
    }

    /// <summary>The declared links that still hold after <paramref name="change"/>: not those to a list route it moved.</summary>
    public static IReadOnlyList<DeclaredLink> LinksAfter(GeneratedWorkspace workspace, ChangeSet? change)
    {
        var languages = workspace.Repos.ToDictionary(r => r.Name, r => r.Language);
        var moved = (change?.ApiChangedRepos ?? []).Select(r => ServiceCode.EndpointId(new Target(r, languages[r]), "GET", $"/{r}/items")).ToHashSet(StringComparer.Ordinal);
        return workspace.Links.Where(l => !moved.Contains(l.Endpoint)).ToList();
    }

    /// <summary>Filler files in the repo's language, endless (the corpora are asked for more services than a repo needs).</summary>
    private static IEnumerable<(string Path, string Text)> Filler(Language language, int seed, int lines)
    {
        var files = language switch
        {
            Language.CSharp => CSharpCorpus.Generate(10_000, seed),
            Language.Python => PythonCorpus.Generate(lines / 300 + 2, seed).Files,
            _ => ScriptCorpus.Generate(10_000, seed),
        };
        return files.Select(f => (f.Path, Encoding.UTF8.GetString(f.Content)));
    }

    /// <summary>Puts the filler's routes and URLs under the repo's name, as if each service owned its paths.</summary>
    public static string MoveRoutes(string text, string repo)
    {
        var moved = FillerRoute.Replace(text, m => $"{m.Groups["quote"].Value}{m.Groups["slash"].Value}{m.Groups["segment"].Value}/{repo}/");
        return NestController.Replace(moved, m => $"@Controller(\"{repo}/{m.Groups["path"].Value}\")");
    }

    public static int Lines(string text)
    {
        var count = 0;
        foreach (var c in text) if (c == '\n') count++;
        return count;
    }

    private static string Commit(string repoPath, string message, DateTimeOffset when)
    {
        using var git = new Repository(repoPath);
        Commands.Stage(git, "*");
        var author = new Signature("Mesh Bench", "bench@mesh.invalid", when);
        return git.Commit(message, author, author, new CommitOptions()).Sha;
    }
}
