using System.Text;
using Mesh.Engine.Model;

namespace Mesh.Bench.Scale;

public enum Language
{
    CSharp,
    Python,
    TypeScript,
}

/// <summary>A repo a generated repo calls, and the language it serves its API in.</summary>
public sealed record Target(string Name, Language Language);

/// <summary>A file of a generated repo and the calls in it that the generator means to reach another repo's endpoint.</summary>
public sealed record ServiceFile(string Path, string Text, IReadOnlyList<DeclaredCall> Calls);

/// <summary>A call written at <paramref name="Line"/> that must link to <paramref name="Endpoint"/> (an endpoint id, <c>repo:METHOD:path-key</c>).</summary>
public sealed record DeclaredCall(int Line, string Endpoint);

/// <summary>
/// The linked core of a generated repo, in the shapes real services use: an HTTP API under <c>/{repo}/items</c> and one
/// client per repo it calls, whose base address names the target (a typed HttpClient registered with the host's URL;
/// an env var set in <c>.env</c> for requests, httpx, fetch and axios).
/// </summary>
public static class ServiceCode
{
    /// <summary>The endpoints every generated repo serves (method, path template); variant 1 moved the list and dropped DELETE.</summary>
    public static IReadOnlyList<(string Method, string Path)> Routes(string repo, int variant) => variant == 0
        ? [("GET", $"/{repo}/items"), ("GET", $"/{repo}/items/{{id}}"), ("POST", $"/{repo}/items"), ("PUT", $"/{repo}/items/{{id}}"), ("DELETE", $"/{repo}/items/{{id}}")]
        : [("GET", $"/{repo}/items/all"), ("GET", $"/{repo}/items/{{id}}"), ("POST", $"/{repo}/items"), ("PUT", $"/{repo}/items/{{id}}")];

    /// <summary>The id Mesh gives the endpoint <paramref name="route"/> (written with <c>{id}</c>) as the provider's language writes it.</summary>
    public static string EndpointId(Target target, string method, string route) =>
        $"{target.Name}:{method}:{PathKey.FromTemplate(target.Language == Language.TypeScript ? route.Replace("{id}", ":id", StringComparison.Ordinal) : route)}";

    public static string EnvVar(string repo) => repo.ToUpperInvariant() + "_URL";

    public static string Pascal(string repo) => char.ToUpperInvariant(repo[0]) + repo[1..];

    /// <summary>The provider file of a repo (the one the 1 % change rewrites with <paramref name="variant"/> 1).</summary>
    public static ServiceFile Provider(Language language, string repo, int variant) => language switch
    {
        Language.CSharp => new($"src/{Pascal(repo)}.Api/Program.cs", CSharpProgram(repo, variant), []),
        Language.Python => new("app/main.py", PythonApp(repo, variant), []),
        _ => new("src/server.ts", ExpressServer(repo, variant), []),
    };

    /// <summary>Client files for the repos this one calls, plus what wires their bases (registrations or <c>.env</c>).</summary>
    public static IReadOnlyList<ServiceFile> Consumers(Language language, string repo, IReadOnlyList<Target> targets) => language switch
    {
        Language.CSharp => [.. targets.Select(t => CSharpClient(repo, t)), new($"src/{Pascal(repo)}.Api/Clients/Registration.cs", CSharpRegistration(repo, targets), [])],
        Language.Python => [.. targets.Select(PythonClient), Env(targets, "")],
        _ => [.. targets.Select(ScriptClient), Env(targets, "VITE_")],
    };

    private static ServiceFile Env(IReadOnlyList<Target> targets, string prefix) =>
        new(".env", string.Concat(targets.Select(t => $"{prefix}{EnvVar(t.Name)}=http://{t.Name}:8080\n")), []);

    private static string CSharpProgram(string repo, int variant)
    {
        var list = variant == 0 ? $"/{repo}/items" : $"/{repo}/items/all";
        var text = new StringBuilder($$"""
            using {{Pascal(repo)}}.Api.Clients;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddClients();
            var app = builder.Build();

            app.MapGet("{{list}}", (int? page) => TypedResults.Ok(new List<Item>()));
            app.MapGet("/{{repo}}/items/{id:int}", (int id) => TypedResults.Ok(new Item(id, "item", 1m)));
            app.MapPost("/{{repo}}/items", (NewItem item) => TypedResults.Created($"/{{repo}}/items/1", new Item(1, item.Name, item.Price)));
            app.MapPut("/{{repo}}/items/{id:int}", (int id, NewItem item) => TypedResults.Ok(new Item(id, item.Name, item.Price)));

            """);
        if (variant == 0) text.Append($"app.MapDelete(\"/{repo}/items/{{id:int}}\", (int id) => TypedResults.NoContent());\n");
        text.Append("""
            app.Run();

            public record Item(int Id, string Name, decimal Price);

            public record NewItem(string Name, decimal Price);

            """);
        return text.ToString();
    }

    private static string CSharpRegistration(string repo, IReadOnlyList<Target> targets)
    {
        var text = new StringBuilder($$"""
            namespace {{Pascal(repo)}}.Api.Clients;

            public static class Registration
            {
                public static IServiceCollection AddClients(this IServiceCollection services)
                {

            """);
        foreach (var target in targets.Select(t => t.Name))
            text.Append($"        services.AddHttpClient<{Pascal(target)}Client>(c => c.BaseAddress = new Uri(\"http://{target}\"));\n");
        text.Append("""
                    return services;
                }
            }

            """);
        return text.ToString();
    }

    private static ServiceFile CSharpClient(string repo, Target to)
    {
        var target = to.Name;
        var lines = new List<string>
        {
            $"namespace {Pascal(repo)}.Api.Clients;",
            "",
            $"public record {Pascal(target)}Item(int Id, string Name, decimal Price);",
            "",
            $"public class {Pascal(target)}Client(HttpClient http)",
            "{",
        };
        var calls = new List<DeclaredCall>();
        void Call(string method, string route, string code)
        {
            lines.Add(code);
            calls.Add(new(lines.Count, EndpointId(to, method, route)));
        }
        Call("GET", $"/{target}/items/{{id}}", $"    public Task<{Pascal(target)}Item?> Get(int id) => http.GetFromJsonAsync<{Pascal(target)}Item>($\"/{target}/items/{{id}}\");");
        Call("POST", $"/{target}/items", $"    public Task<HttpResponseMessage> Create({Pascal(target)}Item item) => http.PostAsJsonAsync(\"/{target}/items\", item);");
        Call("GET", $"/{target}/items", $"    public Task<List<{Pascal(target)}Item>?> List() => http.GetFromJsonAsync<List<{Pascal(target)}Item>>(\"/{target}/items\");");
        lines.Add("}");
        return new($"src/{Pascal(repo)}.Api/Clients/{Pascal(target)}Client.cs", string.Join('\n', lines) + "\n", calls);
    }

    private static string PythonApp(string repo, int variant)
    {
        var list = variant == 0 ? $"/{repo}/items" : $"/{repo}/items/all";
        var text = new StringBuilder($$"""
            from fastapi import FastAPI
            from pydantic import BaseModel

            app = FastAPI(title="{{repo}}")


            class Item(BaseModel):
                id: int
                name: str
                price: float


            @app.get("{{list}}")
            def list_items(page: int = 1) -> list[Item]:
                return []


            @app.get("/{{repo}}/items/{item_id}")
            def get_item(item_id: int) -> Item:
                return Item(id=item_id, name="item", price=1.0)


            @app.post("/{{repo}}/items", status_code=201)
            def create_item(item: Item) -> Item:
                return item


            @app.put("/{{repo}}/items/{item_id}")
            def replace_item(item_id: int, item: Item) -> Item:
                return item

            """);
        if (variant == 0)
            text.Append($$"""


                @app.delete("/{{repo}}/items/{item_id}", status_code=204)
                def delete_item(item_id: int) -> None:
                    return None

                """);
        return text.ToString();
    }

    private static ServiceFile PythonClient(Target to)
    {
        var target = to.Name;
        var lines = new List<string>
        {
            "import os",
            "",
            "import httpx",
            "import requests",
            "",
            $"BASE = os.environ[\"{EnvVar(target)}\"]",
            "CLIENT = httpx.Client(base_url=BASE)",
            "",
            "",
            "def get_item(item_id):",
        };
        var calls = new List<DeclaredCall>();
        void Call(string method, string route, string code)
        {
            lines.Add(code);
            calls.Add(new(lines.Count, EndpointId(to, method, route)));
        }
        Call("GET", $"/{target}/items/{{id}}", $"    return requests.get(f\"{{BASE}}/{target}/items/{{item_id}}\", timeout=5).json()");
        lines.AddRange(["", "", "def create_item(item):"]);
        Call("POST", $"/{target}/items", $"    return CLIENT.post(\"/{target}/items\", json=item).json()");
        lines.AddRange(["", "", "def list_items(page):"]);
        Call("GET", $"/{target}/items", $"    return requests.get(f\"{{BASE}}/{target}/items\", params={{\"page\": page}}, timeout=5).json()");
        return new($"app/clients/{target}.py", string.Join('\n', lines) + "\n", calls);
    }

    private static string ExpressServer(string repo, int variant)
    {
        var list = variant == 0 ? $"/{repo}/items" : $"/{repo}/items/all";
        var text = new StringBuilder($$"""
            import express from "express";

            const app = express();
            app.use(express.json());

            app.get("{{list}}", (req, res) => res.json([]));
            app.get("/{{repo}}/items/:id", (req, res) => res.json({ id: Number(req.params.id), name: "item", price: 1 }));
            app.post("/{{repo}}/items", (req, res) => res.status(201).json(req.body));
            app.put("/{{repo}}/items/:id", (req, res) => res.json(req.body));

            """);
        if (variant == 0) text.Append($"app.delete(\"/{repo}/items/:id\", (req, res) => res.status(204).end());\n");
        text.Append("\napp.listen(Number(process.env.PORT ?? 3000));\n");
        return text.ToString();
    }

    private static ServiceFile ScriptClient(Target to)
    {
        var target = to.Name;
        var lines = new List<string>
        {
            "import axios from \"axios\";",
            "",
            $"const client = axios.create({{ baseURL: import.meta.env.VITE_{EnvVar(target)} }});",
            "",
            "export async function getItem(id: number) {",
        };
        var calls = new List<DeclaredCall>();
        void Call(string method, string route, string code)
        {
            lines.Add(code);
            calls.Add(new(lines.Count, EndpointId(to, method, route)));
        }
        Call("GET", $"/{target}/items/{{id}}", $"  const response = await fetch(`${{import.meta.env.VITE_{EnvVar(target)}}}/{target}/items/${{id}}`);");
        lines.AddRange(["  return response.json();", "}", "", "export async function createItem(item: { name: string; price: number }) {"]);
        Call("POST", $"/{target}/items", $"  const {{ data }} = await client.post(\"/{target}/items\", item);");
        lines.AddRange(["  return data;", "}", "", "export async function listItems(page: number) {"]);
        Call("GET", $"/{target}/items", $"  const {{ data }} = await client.get(`/{target}/items?page=${{page}}`);");
        lines.AddRange(["  return data;", "}"]);
        return new($"src/clients/{target}.ts", string.Join('\n', lines) + "\n", calls);
    }
}
