using Mesh.Engine.Extraction;
using Mesh.Engine.Model;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Tests.Linking;

/// <summary>
/// A random workspace written straight into a store, built to stress linking: services sharing paths, routes differing
/// in case, catch-all, any-method and gRPC routes, one OpenAPI document committed in several repos, a gateway, config keys and env
/// vars resolved in the caller's repo or elsewhere, app-host service names, absolute URLs, unknown and dynamic bases,
/// unknown methods and generated clients naming operations. <see cref="ChangeOne"/> changes one repo at random.
/// </summary>
internal sealed class GeneratedWorkspace(Random random, int repos)
{
    private static readonly string[] Resources = ["orders", "items", "users", "files", "health", "invoices", "Orders"];
    private const string Gateway = "gw";

    private readonly Dictionary<string, RepoState> _repos = Enumerable.Range(0, repos).Select(i => $"svc{i:D2}")
        .Append(Gateway).ToDictionary(n => n, _ => new RepoState(), StringComparer.Ordinal);
    private int _next = repos;

    /// <summary>What one repo holds; regenerated piece by piece.</summary>
    private sealed class RepoState
    {
        public List<(string Path, EndpointFact Fact)> Endpoints { get; set; } = [];
        public List<CallSiteFact> Calls { get; set; } = [];
        public List<ConfigValueFact> Config { get; set; } = [];
        public List<ProxyRouteFact> Proxies { get; set; } = [];
        public List<ServiceDeclarationFact> Services { get; set; } = [];
        public List<string> Projects { get; set; } = [];
        public bool SharedSpec { get; set; }
        public int Revision { get; set; }
    }

    public IReadOnlyCollection<string> Names => _repos.Keys;

    public void Generate()
    {
        foreach (var (name, repo) in _repos)
        {
            repo.Endpoints = Endpoints(name);
            repo.SharedSpec = random.Next(4) == 0;
            repo.Config = Config();
            repo.Proxies = name == Gateway ? Proxies() : [];
            (repo.Services, repo.Projects) = Declarations();
            repo.Calls = Calls(name);
        }
    }

    /// <summary>Changes one repo (or adds or removes one) and says how.</summary>
    public (string Description, string? Removed, string? Written) ChangeOne()
    {
        var names = _repos.Keys.Order(StringComparer.Ordinal).ToList();
        var kind = random.Next(12);
        if (kind == 0 && names.Count > 3)
        {
            var removed = names[random.Next(names.Count)];
            _repos.Remove(removed);
            return ($"remove {removed}", removed, null);
        }
        if (kind == 1)
        {
            var added = $"svc{_next++:D2}";
            _repos[added] = new RepoState { Endpoints = Endpoints(added), Calls = Calls(added), Config = Config(), SharedSpec = random.Next(3) == 0 };
            return ($"add {added}", null, added);
        }
        var name = names[random.Next(names.Count)];
        var repo = _repos[name];
        repo.Revision++;
        switch (kind)
        {
            case 2:
                repo.Endpoints = Endpoints(name);
                return ($"{name}: every endpoint new", null, name);
            case 3 when repo.Endpoints.Count > 0:
                repo.Endpoints.RemoveAt(random.Next(repo.Endpoints.Count));
                return ($"{name}: an endpoint removed", null, name);
            case 4 when repo.Endpoints.Count > 0:
                var at = random.Next(repo.Endpoints.Count);
                repo.Endpoints[at] = (repo.Endpoints[at].Path, repo.Endpoints[at].Fact with { Framework = random.Next(2) == 0 ? "aspnetcore" : "fastapi", BasePath = random.Next(3) == 0 ? "/v2" : null });
                return ($"{name}: an endpoint's route changed", null, name);
            case 5:
                repo.SharedSpec = !repo.SharedSpec;
                return ($"{name}: shared spec {(repo.SharedSpec ? "added" : "removed")}", null, name);
            case 6:
                repo.Config = Config();
                return ($"{name}: config values changed", null, name);
            case 7 when _repos.ContainsKey(Gateway):
                _repos[Gateway].Proxies = Proxies();
                _repos[Gateway].Revision++;
                return ("gateway routes changed", null, Gateway);
            case 8:
                (repo.Services, repo.Projects) = Declarations();
                return ($"{name}: service declarations and projects changed", null, name);
            case 9:
                repo.Endpoints.Add(Endpoint(name));
                return ($"{name}: an endpoint added", null, name);
            default:
                repo.Calls = Calls(name);
                return ($"{name}: calls changed", null, name);
        }
    }

    public RepoIndex Index(string name)
    {
        var repo = _repos[name];
        var files = new List<IndexedFile>();
        var endpoints = new List<Endpoint>();
        foreach (var (path, fact) in repo.Endpoints)
        {
            var route = RoutePath.Join(fact.BasePath ?? "", fact.Path);
            endpoints.Add(new Endpoint($"{name}:{fact.Method}:{PathKey.FromTemplate(route)}", name, path, PathKey.FromTemplate(route), fact));
            if (fact.Source == EndpointSources.OpenApi) files.Add(new IndexedFile(path, $"blob-{name}-{repo.Revision}", "openapi", 1, FileFacts.None, false));
        }
        if (repo.SharedSpec)
        {
            files.Add(new IndexedFile("specs/shared.yaml", "blob-shared", "openapi", 1, FileFacts.None, false));
            foreach (var (method, path, operation) in new[] { ("GET", "/shared/orders/{id}", "getSharedOrder"), ("POST", "/shared/orders", "createSharedOrder") })
            {
                var fact = new EndpointFact { Method = method, Path = path, Source = EndpointSources.OpenApi, Framework = "openapi-3.0", OperationId = operation, Line = 3 };
                endpoints.Add(new Endpoint($"{name}:{method}:{PathKey.FromTemplate(path)}", name, "specs/shared.yaml", PathKey.FromTemplate(path), fact));
            }
        }
        foreach (var project in repo.Projects) files.Add(new IndexedFile($"src/{project}/Program.cs", $"blob-{name}-{project}", "csharp", 1, FileFacts.None, false));
        var calls = repo.Calls.Select((c, i) => new CallSite($"{name}:src/Calls.cs:{i + 1}:1", name, "src/Calls.cs", null, false, c with { Line = i + 1 })).ToList();
        var surface = new RepoSurface(name, endpoints.DistinctBy(e => e.Id).ToList(), calls, [], [])
        {
            ConfigValues = repo.Config.Select(c => ("appsettings.json", c)).ToList(),
            ProxyRoutes = repo.Proxies.Select(p => ("appsettings.json", p)).ToList(),
            Services = repo.Services.Select(s => ("AppHost/Program.cs", s)).ToList(),
        };
        return new RepoIndex(new RepoConfig(name, "/nowhere/" + name, null, []), new string((char)('a' + repo.Revision % 6), 40), "generated",
            DateTimeOffset.UnixEpoch, files.Count, files.DistinctBy(f => f.Path).ToList(), [], surface);
    }

    private string AnyRepo() => _repos.Keys.ElementAt(random.Next(_repos.Count));

    private string Resource() => Resources[random.Next(Resources.Length)];

    private List<(string, EndpointFact)> Endpoints(string name) => Enumerable.Range(0, random.Next(3, 9)).Select(_ => Endpoint(name)).ToList();

    private (string, EndpointFact) Endpoint(string name)
    {
        var resource = Resource();
        var path = random.Next(6) switch
        {
            0 => $"/api/{resource}",
            1 => $"/api/{resource}/{{id}}",
            2 => $"/{name}/{resource}/{{id}}",
            3 => "/files/{*path}",
            4 => $"/api/{resource}/v{{version}}",
            _ => $"/{name}/{resource}",
        };
        var method = new[] { "GET", "POST", "PUT", "DELETE", EndpointFact.AnyMethod }[random.Next(5)];
        var spec = method != EndpointFact.AnyMethod && random.Next(3) == 0;
        var fact = new EndpointFact
        {
            Method = method, Path = path, Line = random.Next(1, 99), Kind = random.Next(15) == 0 ? "grpc" : null,
            Source = spec ? EndpointSources.OpenApi : EndpointSources.Code,
            Framework = spec ? "openapi-3.0" : random.Next(2) == 0 ? "aspnetcore" : "express",
            OperationId = spec ? $"{method.ToLowerInvariant()}{resource}" : null,
            BasePath = spec && random.Next(4) == 0 ? "/v1" : null,
        };
        return (spec ? "openapi.yaml" : "src/Api.cs", fact);
    }

    private List<ConfigValueFact> Config() => Enumerable.Range(0, random.Next(0, 4)).Select(i => new ConfigValueFact(
        random.Next(2) == 0 ? $"Services:{AnyRepo()}" : $"{AnyRepo().ToUpperInvariant()}_URL",
        random.Next(5) == 0 ? "http://unknown-host" : $"http://{AnyRepo()}{(random.Next(3) == 0 ? "/api/" : "")}", i + 1)).ToList();

    private List<ProxyRouteFact> Proxies() => Enumerable.Range(0, random.Next(0, 4)).Select(i =>
    {
        var destination = AnyRepo();
        return random.Next(2) == 0
            ? new ProxyRouteFact($"r{i}", $"/gw/{destination}/{{**rest}}", $"http://{destination}/", null, $"/gw/{destination}", i + 1)
            : new ProxyRouteFact($"r{i}", $"/{Resource()}-api/{{**rest}}", $"http://{destination}", "/api/{**rest}", null, i + 1);
    }).ToList();

    private (List<ServiceDeclarationFact>, List<string>) Declarations()
    {
        var projects = Enumerable.Range(0, random.Next(0, 3)).Select(_ => $"Proj{random.Next(4)}.Api").Distinct().ToList();
        var services = Enumerable.Range(0, random.Next(0, 3)).Select(i => new ServiceDeclarationFact($"alias{random.Next(4)}", $"Proj{random.Next(4)}_Api", i + 1)).ToList();
        return (services, projects);
    }

    private List<CallSiteFact> Calls(string name) => Enumerable.Range(0, random.Next(5, 25)).Select(_ => Call(name)).ToList();

    private CallSiteFact Call(string name)
    {
        var target = AnyRepo();
        var resource = Resource();
        var path = random.Next(5) switch
        {
            0 => $"/api/{resource}",
            1 => $"/api/{resource}/{{id}}",
            2 => $"/{target}/{resource}/{{id}}",
            3 => $"/files/{resource}/x.txt",
            _ => random.Next(2) == 0 ? "/shared/orders/{id}" : "/shared/orders",
        };
        var method = random.Next(8) == 0 ? null : new[] { "GET", "POST", "PUT", "DELETE" }[random.Next(4)];
        var call = new CallSiteFact { Client = random.Next(4) == 0 ? "axios" : "HttpClient", Method = method, Url = path };
        return random.Next(11) switch
        {
            0 => call with { Url = $"http://{target}:8080{path}" },
            1 => call with { BaseHint = $"http://{target}" },
            2 => call with { BaseHint = $"config:Services:{target}" },
            3 => call with { BaseHint = $"env:{target.ToUpperInvariant()}_URL" },
            4 => call with { BaseHint = $"https+http://alias{random.Next(4)}" },
            5 => call with { BaseHint = $"http://{Gateway}", Url = random.Next(2) == 0 ? $"/gw/{target}{path}" : $"/{resource}-api{path}" },
            6 => call with { Url = "{url}", Unresolved = "'url' is computed at run time" },
            7 => call with { Url = "{baseUrl}" + path },
            8 => call with { Client = "generated", OperationId = random.Next(2) == 0 ? "getSharedOrder" : $"get{resource}", Method = "GET" },
            _ => call,
        };
    }
}
