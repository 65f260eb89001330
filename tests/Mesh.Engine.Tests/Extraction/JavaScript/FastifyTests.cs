using Mesh.Engine.Model;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class FastifyTests : IDisposable
{
    private const string App = """
        import Fastify from "fastify";
        import cors from "@fastify/cors";
        import ordersRoutes from "./routes/orders";
        import { usersRoutes } from "./routes/users";

        const app = Fastify({ logger: true });

        app.register(cors, { origin: true });
        app.get("/health", async () => ({ ok: true }));
        app.register(ordersRoutes, { prefix: "/api/orders" });
        app.register(usersRoutes, { prefix: "/api/users" });
        app.register(require("./routes/admin"), { prefix: "/admin" });

        app.register(async (v2) => {
          v2.get("/status", async () => ({ version: 2 }));
        }, { prefix: "/v2" });

        app.listen({ port: 3000 });
        """;

    private const string OrdersPlugin = """
        import type { FastifyInstance } from "fastify";
        import { OrdersService } from "../services/orders";

        export default async function ordersRoutes(fastify: FastifyInstance) {
          const orders = new OrdersService(fastify.db);

          fastify.get("/", async () => orders.list());

          fastify.get<{ Params: { id: string } }>("/:id", { schema: { params: { type: "object" } } }, async (request, reply) => {
            const found = await orders.find(request.params.id);
            return found ?? reply.code(404).send();
          });

          fastify.route({
            method: ["PUT", "PATCH"],
            url: "/:id",
            handler: orders.update,
          });

          fastify.all("/:id/legacy", async (request, reply) => reply.code(410).send());
        }
        """;

    private const string UsersPlugin = """
        const fp = require("fastify-plugin");

        async function usersRoutes(fastify, opts) {
          fastify.post("/", async (request, reply) => {
            reply.code(201);
            return fastify.users.create(request.body);
          });
        }

        module.exports = { usersRoutes: fp(usersRoutes) };
        """;

    private const string AdminPlugin = """
        'use strict'

        module.exports = async function (fastify, opts) {
          fastify.delete('/sessions/:id', async function (request, reply) {
            await fastify.sessions.revoke(request.params.id)
            reply.code(204)
          })
        }
        """;

    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Fact]
    public void App_routes_are_absolute_and_registered_plugins_are_mounted_under_their_prefix()
    {
        var facts = Extract("src/app.ts", App);

        Assert.Equal(
            [
                ("GET", "/health", null, LineOf(App, "app.get(")),
                ("GET", "/status", $"@register:{LineOf(App, "async (v2)")}", LineOf(App, "v2.get(")),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Scope, e.Line)));
        Assert.All(facts.Endpoints, e => Assert.Equal("fastify", e.Framework));
        Assert.Equal(
            [
                new MountFact("js:./routes/orders@default", null, "/api/orders", LineOf(App, "register(ordersRoutes")),
                new MountFact("js:./routes/users@usersRoutes", null, "/api/users", LineOf(App, "register(usersRoutes")),
                new MountFact("js:./routes/admin@default", null, "/admin", LineOf(App, "require(\"./routes/admin\")")),
                new MountFact($"@register:{LineOf(App, "async (v2)")}", null, "/v2", LineOf(App, "async (v2)")),
            ],
            facts.Mounts);
    }

    [Fact]
    public void Plugin_routes_are_relative_to_the_exported_plugin()
    {
        var facts = Extract("src/routes/orders.ts", OrdersPlugin);

        Assert.Equal(
            [
                ("GET", "/", LineOf(OrdersPlugin, "fastify.get(\"/\"")),
                ("GET", "/:id", LineOf(OrdersPlugin, "fastify.get<")),
                ("PATCH", "/:id", LineOf(OrdersPlugin, "fastify.route(")),
                ("PUT", "/:id", LineOf(OrdersPlugin, "fastify.route(")),
                ("*", "/:id/legacy", LineOf(OrdersPlugin, "fastify.all(")),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.All(facts.Endpoints, e => Assert.Equal("export:default", e.Scope));
        Assert.Equal("orders.update", facts.Endpoints[2].Handler);
        Assert.Empty(facts.Mounts);
    }

    [Fact]
    public void A_named_plugin_exported_through_fastify_plugin_and_a_commonjs_default_plugin()
    {
        var users = Extract("src/routes/users.js", UsersPlugin);
        var admin = Extract("src/routes/admin.js", AdminPlugin);

        Assert.Equal(("POST", "/", "@usersRoutes"), Assert.Single(users.Endpoints) is var u ? (u.Method, u.Path, u.Scope) : default);
        Assert.Equal([new MountFact("export:usersRoutes", "@usersRoutes", "", LineOf(UsersPlugin, "usersRoutes: fp"))], users.Mounts);
        var revoke = Assert.Single(admin.Endpoints);
        Assert.Equal(("DELETE", "/sessions/:id", "export:default", LineOf(AdminPlugin, "fastify.delete(")), (revoke.Method, revoke.Path, revoke.Scope, revoke.Line));
    }

    [Fact]
    public async Task Plugins_compose_across_files_into_full_paths()
    {
        _workspace.AddRepo("api").Write("src/app.ts", App).Write("src/routes/orders.ts", OrdersPlugin)
            .Write("src/routes/users.js", UsersPlugin).Write("src/routes/admin.js", AdminPlugin).Commit();
        var index = _workspace.OpenIndex();

        await index.IndexAsync(new Mesh.Engine.Indexing.IndexRequest());

        var endpoints = index.Store.Endpoints(new EndpointQuery(Limit: 100)).Items.Select(r => r.Endpoint)
            .Select(e => $"{e.Method} {e.Path} {e.File}:{e.Line}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                $"* /api/orders/:id/legacy src/routes/orders.ts:{LineOf(OrdersPlugin, "fastify.all(")}",
                $"DELETE /admin/sessions/:id src/routes/admin.js:{LineOf(AdminPlugin, "fastify.delete(")}",
                $"GET /api/orders src/routes/orders.ts:{LineOf(OrdersPlugin, "fastify.get(\"/\"")}",
                $"GET /api/orders/:id src/routes/orders.ts:{LineOf(OrdersPlugin, "fastify.get<")}",
                $"GET /health src/app.ts:{LineOf(App, "app.get(")}",
                $"GET /v2/status src/app.ts:{LineOf(App, "v2.get(")}",
                $"PATCH /api/orders/:id src/routes/orders.ts:{LineOf(OrdersPlugin, "fastify.route(")}",
                $"POST /api/users src/routes/users.js:{LineOf(UsersPlugin, "fastify.post(")}",
                $"PUT /api/orders/:id src/routes/orders.ts:{LineOf(OrdersPlugin, "fastify.route(")}",
            ],
            endpoints);
    }

    [Fact]
    public void A_function_taking_an_app_in_a_file_that_does_not_use_fastify_is_not_read_as_a_plugin()
    {
        const string source = """
            module.exports = function install(app, cache) {
              app.get("/cached/:key", (req, res) => res.send(cache.get(req.params.key)));
            };
            """;

        Assert.Empty(Extract("src/install.js", source).Endpoints);
    }
}
