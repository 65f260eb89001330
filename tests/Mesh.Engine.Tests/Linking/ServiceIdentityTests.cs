using Mesh.Engine.Indexing;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Linking;

public sealed class ServiceIdentityTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private const string Api = """var app = WebApplication.CreateBuilder(args).Build(); app.MapGet("/api/status", () => "ok"); app.Run();""";

    private static string Client(string baseExpression) =>
        $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<StatusClient>(c => c.BaseAddress = {{baseExpression}});
        public class StatusClient(HttpClient http) { public Task<string> Get() => http.GetStringAsync("/api/status"); }
        """;

    private async Task<string> LinkedRepo()
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        var graph = index.Store.Graph();
        var call = Assert.Single(graph.CallSites);
        var links = graph.Links.Where(l => l.CallSite == call.Id).ToList();
        var best = links.OrderByDescending(l => l.Score).First();
        Assert.Contains("path+method+service", best.Reason);
        return graph.Endpoints.Single(e => e.Id == best.Endpoint).Repo;
    }

    [Fact]
    public async Task A_mesh_json_alias_names_the_service_behind_a_config_key()
    {
        _workspace.AddRepo("ledger").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("audit").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("web").Write("Program.cs", Client("new Uri(builder.Configuration[\"Backends:Money\"]!)")).Commit();
        _workspace.WriteConfig(new { name = "ledger", path = "ledger" }, new { name = "audit", path = "audit" }, new { name = "web", path = "web" });
        var config = File.ReadAllText(Path.Combine(_workspace.Root, "mesh.json"));
        File.WriteAllText(Path.Combine(_workspace.Root, "mesh.json"),
            config.TrimEnd('}') + ",\"services\":{\"money\":{\"repo\":\"ledger\",\"aliases\":[\"Backends:Money\"]}}}");

        Assert.Equal("ledger", await LinkedRepo());
    }

    [Fact]
    public async Task An_app_host_declaration_names_the_project_that_serves_a_discovery_name()
    {
        _workspace.AddRepo("platform").Write("src/Payments.Api/Program.cs", Api)
            .Write("src/AppHost/Program.cs", """var b = DistributedApplication.CreateBuilder(args); b.AddProject<Projects.Payments_Api>("pay"); b.Build().Run();""").Commit();
        _workspace.AddRepo("other").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("web").Write("Program.cs", Client("new(\"https+http://pay\")")).Commit();

        Assert.Equal("platform", await LinkedRepo());
    }

    [Fact]
    public async Task A_host_named_after_a_repo_points_to_it()
    {
        _workspace.AddRepo("inventory").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("pricing").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("web").Write("Program.cs", Client("new Uri(\"http://inventory-service:8080\")")).Commit();

        Assert.Equal("inventory", await LinkedRepo());
    }

    [Fact]
    public async Task An_env_var_from_a_compose_file_resolves_to_a_host()
    {
        _workspace.AddRepo("inventory").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("pricing").Write("Program.cs", Api).Commit();
        _workspace.AddRepo("web").Write("Program.cs", Client("new Uri(Environment.GetEnvironmentVariable(\"PRICES_URL\")!)"))
            .Write("docker-compose.yml", "services:\n  web:\n    image: web\n    environment:\n      - PRICES_URL=http://pricing:80\n").Commit();

        Assert.Equal("pricing", await LinkedRepo());
    }
}
