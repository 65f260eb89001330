using Mesh.Engine.Indexing;
using Mesh.Engine.Queries;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Linking;

/// <summary>
/// A team server holds repos that never call each other: a link from one repo to another needs evidence that the call
/// reaches that service (its base, a service name, config, a gateway, a shared contract). A path alone is not evidence;
/// neither is a match made only of parameters and holes.
/// </summary>
public sealed class CrossRepoEvidenceTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private const string UsersApi =
        """
        const express = require("express");
        const app = express();

        app.get("/users", listUsers);
        app.post("/users", createUser);

        app.listen(8080);
        """;

    private const string AccountsApi =
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/users")
        def users():
            return []
        """;

    private async Task<WorkspaceIndex> Index()
    {
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index;
    }

    private static List<(int Line, string Endpoint)> Links(WorkspaceIndex index, string repo)
    {
        var graph = index.Store.Graph();
        var calls = graph.CallSites.Where(c => c.Repo == repo).ToDictionary(c => c.Id);
        return graph.Links.Where(l => calls.ContainsKey(l.CallSite)).Select(l => (calls[l.CallSite].Line, l.Endpoint)).Order().ToList();
    }

    [Fact]
    public async Task A_bare_path_served_by_another_repo_is_unresolved_naming_the_repos_that_serve_it()
    {
        _workspace.AddRepo("users").Write("server.js", UsersApi).Commit();
        _workspace.AddRepo("accounts").Write("app/main.py", AccountsApi).Commit();
        _workspace.AddRepo("admin").Write("src/users.ts", """
            export async function users() {
              return fetch("/users");
            }
            """).Commit();

        var index = await Index();

        Assert.Empty(Links(index, "admin"));
        var (call, reason) = Assert.Single(index.Store.UnresolvedCalls(), u => u.CallSite.Repo == "admin");
        Assert.Equal(2, call.Line);
        Assert.StartsWith("no evidence which repo it reaches: GET /users is served by accounts GET /users, users GET /users (", reason);
    }

    [Fact]
    public async Task A_call_across_repos_without_evidence_is_a_possible_consumer_not_a_consumer()
    {
        _workspace.AddRepo("users").Write("server.js", UsersApi).Commit();
        _workspace.AddRepo("admin").Write("src/users.ts", """
            export async function create(user: object) {
              return fetch("/users", { method: "POST", body: JSON.stringify(user) });
            }
            """).Commit();
        var index = await Index();

        var endpoint = ConsumerQuery.Resolve(index.Store, null, "POST", "/users", "users");
        var answer = ConsumerQuery.Answer(index, endpoint, includeTests: true, 0, 10, excerpts: false);

        Assert.Empty(answer.Consumers);
        Assert.Equal(1, answer.Possible.Count);
        Assert.Equal([("no evidence which repo it reaches", 1)], answer.Possible.Reasons);
        Assert.Equal(("admin", 2), (answer.Possible.Examples[0].CallSite.Repo, answer.Possible.Examples[0].CallSite.Line));
    }

    [Fact]
    public async Task A_call_whose_base_names_the_service_links_across_repos()
    {
        _workspace.AddRepo("users").Write("server.js", UsersApi).Commit();
        _workspace.AddRepo("accounts").Write("app/main.py", AccountsApi).Commit();
        _workspace.AddRepo("admin").Write("src/users.ts", """
            export async function users() {
              return fetch("http://users-api:8080/users");
            }
            """).Commit();

        var index = await Index();

        Assert.Equal([(2, "users:GET:/users")], Links(index, "admin"));
    }

    [Fact]
    public async Task A_call_to_its_own_repo_links_there_and_not_to_other_repos_serving_the_path()
    {
        _workspace.AddRepo("users").Write("server.js", UsersApi).Write("src/client.js", """
            export async function users() {
              return fetch("/users");
            }
            """).Commit();
        _workspace.AddRepo("accounts").Write("app/main.py", AccountsApi).Commit();

        var index = await Index();

        var link = Assert.Single(index.Store.Graph().Links);
        Assert.Equal(("users:GET:/users", "path+method in the caller's own repo"), (link.Endpoint, link.Reason));
    }

    [Fact]
    public async Task A_route_that_is_all_parameters_is_no_evidence_for_a_call_without_a_base()
    {
        _workspace.AddRepo("site").Write("server.js", """
            const express = require("express");
            const app = express();

            app.get("/:page", renderPage);

            app.listen(8080);
            """).Write("src/client.js", """
            export async function users() {
              return fetch("/users");
            }
            """).Commit();
        _workspace.AddRepo("admin").Write("src/pages.ts", """
            export async function page(name: string) {
              return fetch(`http://site/${name}`);
            }
            """).Commit();

        var index = await Index();

        Assert.Empty(Links(index, "site"));
        Assert.Equal([(2, "site:GET:/{}")], Links(index, "admin"));
    }

    [Fact]
    public async Task A_call_and_route_meeting_only_in_holes_and_parameters_are_not_linked()
    {
        _workspace.AddRepo("shop").Write("server.js", """
            const express = require("express");
            const app = express();

            app.get("/:version/items", listItems);

            app.listen(8080);
            """).Write("src/client.js", """
            export async function article(slug: string) {
              return fetch(`/articles/${slug}`);
            }
            """).Commit();

        var index = await Index();

        Assert.Empty(Links(index, "shop"));
    }

    [Fact]
    public async Task A_url_that_is_only_a_computed_value_is_dynamic_not_the_root_path()
    {
        _workspace.AddRepo("bot").Write("app/main.py", """
            import requests
            from fastapi import FastAPI

            app = FastAPI()


            @app.post("/")
            def root():
                return {}


            class Chat:
                def __init__(self, config):
                    self.config = config

                def ask(self, prompt):
                    return requests.post(self.config.agent_url, json={"prompt": prompt})
            """).Commit();

        var index = await Index();

        Assert.Empty(Links(index, "bot"));
        var (_, reason) = Assert.Single(index.Store.UnresolvedCalls(), u => u.CallSite.Repo == "bot");
        Assert.StartsWith("dynamic URL", reason);
    }

    [Fact]
    public async Task A_gateway_route_that_takes_every_path_is_no_evidence_for_a_call_without_a_base()
    {
        _workspace.AddRepo("gateway").Write("src/Gateway/appsettings.json", """
            {
              "ReverseProxy": {
                "Routes": { "all": { "ClusterId": "users", "Match": { "Path": "/{**catch-all}" } } },
                "Clusters": { "users": { "Destinations": { "d1": { "Address": "http://users/" } } } }
              }
            }
            """).Commit();
        _workspace.AddRepo("users").Write("server.js", UsersApi).Commit();
        _workspace.AddRepo("admin").Write("src/users.ts", """
            export async function users() {
              await fetch("http://gateway/users");
              return fetch("/users");
            }
            """).Commit();

        var index = await Index();

        var links = index.Store.Graph().Links;
        Assert.Equal([(2, "users:GET:/users")], Links(index, "admin"));
        Assert.All(links, l => Assert.Equal("gateway:all", l.Via));
    }

    private const string ConduitSpec =
        """
        openapi: 3.0.3
        info: { title: Conduit, version: 1.0.0 }
        paths:
          /user:
            get: { operationId: GetCurrentUser, responses: { '200': { description: ok } } }
          /users/login:
            post: { operationId: Login, responses: { '200': { description: ok } } }
          /articles:
            get: { operationId: GetArticles, responses: { '200': { description: ok } } }
          /tags:
            get: { operationId: GetTags, responses: { '200': { description: ok } } }
        """;

    private static string Conduit(params string[] routes) =>
        "const express = require(\"express\");\nconst app = express();\n\n" + string.Concat(routes.Select(r => r + "\n")) + "\napp.listen(8080);\n";

    [Fact]
    public async Task Repos_implementing_a_contract_that_its_own_repo_also_serves_are_linked_through_it_and_a_lone_path_is_not()
    {
        // The contract's repo holds a reference implementation too; `backend` implements the whole document, `blog`
        // serves one of its paths and nothing else of it.
        _workspace.AddRepo("spec").Write("api/openapi.yml", ConduitSpec).Write("server/app.js", Conduit(
            "app.get(\"/user\", currentUser);", "app.post(\"/users/login\", login);", "app.get(\"/articles\", articles);", "app.get(\"/tags\", tags);")).Commit();
        _workspace.AddRepo("backend").Write("src/app.js", Conduit(
            "app.get(\"/user\", currentUser);", "app.post(\"/users/login\", login);", "app.get(\"/articles\", articles);", "app.get(\"/tags\", tags);")).Commit();
        _workspace.AddRepo("blog").Write("src/app.js", Conduit("app.get(\"/articles\", articles);", "app.get(\"/posts\", posts);")).Commit();
        _workspace.AddRepo("web").Write("src/agent.js", """
            export const current = () => fetch("/user");
            export const articles = () => fetch("/articles");
            """).Commit();

        var index = await Index();

        // The spec repo's own code route (its id takes #2 after the document's), not the document.
        Assert.Equal([(1, "backend:GET:/user"), (1, "spec:GET:/user#2")], Links(index, "web"));
        var link = index.Store.Graph().Links.First(l => l.Endpoint == "backend:GET:/user");
        Assert.StartsWith("spec-mediated: operation GetCurrentUser of the OpenAPI document in spec, served by backend, spec", link.Reason);
        var (_, reason) = Assert.Single(index.Store.UnresolvedCalls(), u => u.CallSite.Repo == "web");
        Assert.Contains("blog GET /articles", reason);
    }
}
