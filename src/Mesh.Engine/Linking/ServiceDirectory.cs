using Mesh.Engine.Model;

namespace Mesh.Engine.Linking;

/// <summary>A service named in mesh.json: the repo that serves it and other names it goes by (hosts, env vars, config keys).</summary>
public sealed record ServiceAlias(string Name, string Repo, IReadOnlyList<string> Aliases);

/// <summary>A fact of a repo's file that naming and configuration come from.</summary>
public sealed record RepoFact<T>(string Repo, string File, T Fact);

/// <summary>
/// Which repo a host, service name, config key or env var points to. Evidence, strongest first: mesh.json services
/// and aliases; app-host declarations (<c>AddProject&lt;Projects.Catalog_Api&gt;("catalog-api")</c>) located by project
/// folder; a host whose name is a repo's name (<c>orders</c>, <c>orders-api</c>, <c>orders.internal.example.com</c>).
/// </summary>
public sealed class ServiceDirectory
{
    private readonly Dictionary<string, string> _byAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byRepoName = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<RepoFact<ConfigValueFact>> _config;
    /// <summary>Config values by key in lower case, as written and with <c>__</c> read as <c>:</c>; positions in <see cref="_config"/>, ascending.</summary>
    private readonly Dictionary<string, List<int>> _configByKey = new(StringComparer.Ordinal);

    public ServiceDirectory(
        IReadOnlyList<string> repos,
        IReadOnlyList<ServiceAlias> explicitServices,
        IReadOnlyList<RepoFact<ServiceDeclarationFact>> declarations,
        IReadOnlyList<RepoFact<ConfigValueFact>> config,
        Func<string, string?> repoOfProject)
    {
        _config = config;
        for (var i = 0; i < config.Count; i++)
        {
            var key = config[i].Fact.Key.ToLowerInvariant();
            AddConfigKey(key, i);
            if (key.Replace("__", ":", StringComparison.Ordinal) is var colon && colon != key) AddConfigKey(colon, i);
        }
        foreach (var service in explicitServices)
        {
            _byAlias.TryAdd(service.Name, service.Repo);
            foreach (var alias in service.Aliases) _byAlias.TryAdd(alias, service.Repo);
        }
        foreach (var declaration in declarations)
            if (repoOfProject(declaration.Fact.Project) is { } repo) _byAlias.TryAdd(declaration.Fact.Name, repo);
        foreach (var repo in repos)
        {
            _byRepoName.TryAdd(repo, repo);
            _byRepoName.TryAdd(Stem(repo), repo);
        }
    }

    /// <summary>The repo a host or service name points to, and why; null when nothing says.</summary>
    public (string Repo, string Evidence)? Resolve(string hostOrName)
    {
        if (_byAlias.TryGetValue(hostOrName, out var repo)) return (repo, $"service '{hostOrName}'");
        var firstLabel = hostOrName.Split('.')[0];
        if (_byAlias.TryGetValue(firstLabel, out repo)) return (repo, $"service '{firstLabel}'");
        if (_byRepoName.TryGetValue(firstLabel, out repo) || _byRepoName.TryGetValue(Stem(firstLabel), out repo))
            return (repo, $"host '{hostOrName}' names repo '{repo}'");
        return null;
    }

    private void AddConfigKey(string key, int position)
    {
        if (!_configByKey.TryGetValue(key, out var positions)) _configByKey[key] = positions = [];
        positions.Add(position);
    }

    /// <summary>The value of a config key or env var: from the calling repo's files first, then anywhere in the workspace.</summary>
    public string? ConfigValue(string callerRepo, string key)
    {
        if (!_configByKey.TryGetValue(key.ToLowerInvariant(), out var positions)) return null;
        foreach (var position in positions)
            if (_config[position].Repo == callerRepo) return _config[position].Fact.Value;
        return _config[positions[0]].Fact.Value;
    }

    /// <summary>Is this key itself an alias (mesh.json lets a config key or env var name a service)?</summary>
    public string? RepoOfAlias(string key) => _byAlias.GetValueOrDefault(key);

    /// <summary><c>orders-api</c>, <c>orders_service</c>, <c>OrdersApi</c> → <c>orders</c>.</summary>
    public static string Stem(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var suffix in new[] { "-api", "_api", ".api", "api", "-service", "_service", "service", "-svc", "svc" })
            if (lower.Length > suffix.Length + 1 && lower.EndsWith(suffix, StringComparison.Ordinal)) return lower[..^suffix.Length].TrimEnd('-', '_', '.');
        return lower;
    }
}
