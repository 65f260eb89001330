using Mesh.Engine.Model;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class KoaTests : IDisposable
{
    private const string Server = """
        import Koa from "koa";
        import Router from "@koa/router";
        import bodyParser from "koa-bodyparser";
        import ordersRouter from "./routes/orders";

        const app = new Koa();
        const api = new Router({ prefix: "/api" });
        const health = new Router();

        health.get("/healthz", (ctx) => {
          ctx.body = { ok: true };
        });

        api.use("/orders", ordersRouter.routes(), ordersRouter.allowedMethods());

        app.use(bodyParser());
        app.use(health.routes());
        app.use(api.routes()).use(api.allowedMethods());
        app.listen(3000);
        """;

    private const string OrdersRouter = """
        const Router = require("koa-router");
        const orders = require("../services/orders");

        const router = new Router();
        router.prefix("/v1");

        router
          .get("/", async (ctx) => {
            ctx.body = await orders.list(ctx.query);
          })
          .post("/", async (ctx) => {
            ctx.status = 201;
            ctx.body = await orders.create(ctx.request.body);
          });

        router.get("order", "/:id", async (ctx) => {
          ctx.body = await orders.find(ctx.params.id);
        });
        router.del("/:id", orders.remove);
        router.all("/:id/legacy", (ctx) => {
          ctx.status = 410;
        });

        module.exports = router;
        """;

    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Fact]
    public void Routes_carry_the_router_prefix_and_routers_mount_on_the_app_and_on_each_other()
    {
        var facts = Extract("src/server.ts", Server);

        var health = Assert.Single(facts.Endpoints);
        Assert.Equal(("GET", "/healthz", "@health", "koa", LineOf(Server, "health.get(")), (health.Method, health.Path, health.Scope, health.Framework, health.Line));
        Assert.Equal(
            [
                new MountFact("js:./routes/orders@default", "@api", "/api/orders", LineOf(Server, "api.use(")),
                new MountFact("@health", null, "", LineOf(Server, "health.routes()")),
                new MountFact("@api", null, "", LineOf(Server, "app.use(api.routes())")),
            ],
            facts.Mounts);
        Assert.Empty(facts.CallCandidates);
    }

    [Fact]
    public void Chained_named_deleted_and_all_routes_of_a_router_module()
    {
        var facts = Extract("src/routes/orders.js", OrdersRouter);

        Assert.Equal(
            [
                ("GET", "/v1", LineOf(OrdersRouter, ".get(\"/\"")),
                ("POST", "/v1", LineOf(OrdersRouter, ".post(\"/\"")),
                ("GET", "/v1/:id", LineOf(OrdersRouter, "router.get(\"order\"")),
                ("DELETE", "/v1/:id", LineOf(OrdersRouter, "router.del(")),
                ("*", "/v1/:id/legacy", LineOf(OrdersRouter, "router.all(")),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.All(facts.Endpoints, e => Assert.Equal(("@router", "koa"), (e.Scope, e.Framework)));
        Assert.Equal("orders.remove", facts.Endpoints[3].Handler);
        Assert.Equal([new MountFact("export:default", "@router", "", LineOf(OrdersRouter, "module.exports"))], facts.Mounts);
    }

    [Fact]
    public async Task Routers_compose_across_files_into_full_paths()
    {
        _workspace.AddRepo("shop").Write("src/server.ts", Server).Write("src/routes/orders.js", OrdersRouter).Commit();
        var index = _workspace.OpenIndex();

        await index.IndexAsync(new Mesh.Engine.Indexing.IndexRequest());

        var endpoints = index.Store.Endpoints(new EndpointQuery(Limit: 100)).Items.Select(r => r.Endpoint)
            .Select(e => $"{e.Method} {e.Path} {e.File}:{e.Line}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                $"* /api/orders/v1/:id/legacy src/routes/orders.js:{LineOf(OrdersRouter, "router.all(")}",
                $"DELETE /api/orders/v1/:id src/routes/orders.js:{LineOf(OrdersRouter, "router.del(")}",
                $"GET /api/orders/v1 src/routes/orders.js:{LineOf(OrdersRouter, ".get(\"/\"")}",
                $"GET /api/orders/v1/:id src/routes/orders.js:{LineOf(OrdersRouter, "router.get(\"order\"")}",
                $"GET /healthz src/server.ts:{LineOf(Server, "health.get(")}",
                $"POST /api/orders/v1 src/routes/orders.js:{LineOf(OrdersRouter, ".post(\"/\"")}",
            ],
            endpoints);
    }

    [Fact]
    public void Map_and_context_lookups_named_like_verbs_are_not_routes()
    {
        const string source = """
            import Router from "@koa/router";

            const router = new Router();
            const cache = new Map();

            router.get("/items/:id", async (ctx) => {
              ctx.body = cache.get(ctx.params.id) ?? ctx.get("x-default");
            });

            export default router;
            """;

        var facts = Extract("src/items.ts", source);

        Assert.Equal(("GET", "/items/:id"), Assert.Single(facts.Endpoints) is var e ? (e.Method, e.Path) : default);
        Assert.Equal([new MountFact("export:default", "@router", "", LineOf(source, "export default"))], facts.Mounts);
    }
}
