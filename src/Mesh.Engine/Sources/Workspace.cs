using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Engine.Sources;

/// <summary>A repo of the workspace: a unique name, an absolute location, the ref to index and exclude globs.</summary>
public sealed record RepoConfig(string Name, string Path, string? Ref, IReadOnlyList<string> Exclude)
{
    public string RefOrHead => string.IsNullOrWhiteSpace(Ref) ? "HEAD" : Ref;
}

/// <summary>
/// A folder of repos. With a <c>mesh.json</c> it lists them; otherwise every git repository directly under the
/// folder (and the folder itself, if it is one) is a repo named after its folder.
/// </summary>
public sealed record Workspace(string Root, IReadOnlyList<RepoConfig> Repos, string DatabasePath)
{
    /// <summary>Services named in mesh.json: <c>"services": {"orders": {"repo": "orders", "aliases": ["orders.internal", "ORDERS_URL"]}}</c>.</summary>
    public IReadOnlyList<Linking.ServiceAlias> Services { get; init; } = [];

    public const string ConfigFileName = "mesh.json";

    public static string DefaultDatabasePath(string root) => System.IO.Path.Combine(root, ".mesh", "mesh.db");

    /// <summary>Where <c>mesh add</c> clones repos from git URLs and GitHub: <c>.mesh/repos/NAME</c>, one folder per repo.</summary>
    public static string CloneFolder(string root, string name) => System.IO.Path.Combine(root, ".mesh", "repos", name);

    public IReadOnlyList<string> RepoNames => Repos.Select(r => r.Name).ToList();

    public RepoConfig Repo(string name) =>
        Repos.FirstOrDefault(r => r.Name == name) ?? throw new UnknownRepoException(name, RepoNames);

    public static Workspace Load(string root, string? databasePath = null)
    {
        root = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(root))
            throw new MeshException($"workspace folder '{root}' does not exist; pass --workspace DIR with an existing folder");
        var config = System.IO.Path.Combine(root, ConfigFileName);
        var file = File.Exists(config) ? ReadConfigFile(config) : null;
        var repos = file is null ? Discover(root) : ReadConfig(root, file);
        var db = databasePath is null ? DefaultDatabasePath(root) : System.IO.Path.GetFullPath(databasePath, root);
        var services = (file?.Services ?? []).Select(s => new Linking.ServiceAlias(s.Key, s.Value.Repo ?? s.Key, s.Value.Aliases ?? [])).ToList();
        foreach (var service in services.Where(s => repos.All(r => r.Name != s.Repo)))
            throw new MeshException($"{ConfigFileName}: service '{service.Name}' names repo '{service.Repo}', which is not in the workspace; known repos: {string.Join(", ", repos.Select(r => r.Name))}");
        return new Workspace(root, repos, db) { Services = services };
    }

    private static IReadOnlyList<RepoConfig> Discover(string root)
    {
        var repos = new List<RepoConfig>();
        if (IsGitRepository(root)) repos.Add(new RepoConfig(new DirectoryInfo(root).Name, root, null, []));
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (name.StartsWith('.')) continue;
            if (IsGitRepository(dir)) repos.Add(new RepoConfig(name, dir, null, []));
        }
        return Unique(repos, "folder");
    }

    /// <summary>A folder the workspace can read as a repo: it has a <c>.git</c> folder (or a worktree's <c>.git</c> file).</summary>
    public static bool IsGitRepository(string dir) =>
        Directory.Exists(System.IO.Path.Combine(dir, ".git")) || File.Exists(System.IO.Path.Combine(dir, ".git"));

    private static ConfigFile ReadConfigFile(string configPath)
    {
        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllBytes(configPath), ConfigJson) ?? new ConfigFile(null, null);
        }
        catch (JsonException e)
        {
            throw new MeshException($"{ConfigFileName} is not valid: {e.Message} (expected {{\"repos\":[{{\"name\":\"orders\",\"path\":\"services/orders\"}}]}})");
        }
    }

    private static IReadOnlyList<RepoConfig> ReadConfig(string root, ConfigFile file)
    {
        var repos = new List<RepoConfig>();
        foreach (var entry in file.Repos ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry.Path))
                throw new MeshException($"{ConfigFileName}: a repo has no \"path\"; each entry needs a path relative to the workspace or absolute");
            var path = System.IO.Path.GetFullPath(entry.Path, root);
            var name = string.IsNullOrWhiteSpace(entry.Name) ? System.IO.Path.GetFileName(path.TrimEnd('/', '\\')) : entry.Name;
            if (!IsGitRepository(path))
                throw new MeshException($"{ConfigFileName}: repo '{name}' at '{entry.Path}' is not a git repository (no .git found at {path})");
            repos.Add(new RepoConfig(name, path, entry.Ref, entry.Exclude ?? []));
        }
        return Unique(repos, "entry");
    }

    private static IReadOnlyList<RepoConfig> Unique(List<RepoConfig> repos, string what)
    {
        var duplicate = repos.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new MeshException($"two repos are named '{duplicate.Key}'; names must be unique (give each {what} a distinct \"name\" in {ConfigFileName})");
        return repos.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    private static readonly JsonSerializerOptions ConfigJson = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record ConfigFile(
        [property: JsonPropertyName("repos")] List<ConfigRepo>? Repos,
        [property: JsonPropertyName("services")] Dictionary<string, ConfigService>? Services);

    private sealed record ConfigService(string? Repo, List<string>? Aliases);

    private sealed record ConfigRepo(string? Name, string? Path, string? Ref, List<string>? Exclude);
}
