using System.Text;
using Mesh.Engine.Extraction.JavaScript;
using Mesh.Engine.Resolution;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

/// <summary>JavaScript/TypeScript routes composed across files by the resolver, the way indexing does: Express routers, Nitro file routes.</summary>
public sealed class JsRouteCompositionTests
{
    private static List<string> Routes(params (string Path, string Source)[] files)
    {
        var extractor = new JavaScriptExtractor();
        var indexed = files.Select(f => new IndexedFile(f.Path, "blob:" + f.Path, extractor.Name, extractor.Version,
            extractor.Extract(f.Path, Encoding.UTF8.GetBytes(f.Source)), Parsed: true)).ToList();
        return RepoResolver.Resolve("svc", indexed).Endpoints.Select(e => $"{e.Method} {e.Path} {e.File}").Order(StringComparer.Ordinal).ToList();
    }

    private const string TagsController = """
        import { Router } from "express";
        const router = Router();
        router.get("/tags", async (req, res) => res.json({ tags: [] }));
        export default router;
        """;

    private const string UsersController = """
        const express = require("express");
        const users = express.Router();
        users.route("/users/:id").get(show).put(update);
        module.exports = users;
        """;

    [Fact]
    public void Routers_composed_by_a_use_chain_and_exported_as_an_expression_get_every_prefix_on_the_way()
    {
        var routes = Routes(
            ("src/main.ts", """
                import express from "express";
                import routes from "./app/routes/routes";
                const app = express();
                app.use(routes);
                app.listen(3000);
                """),
            ("src/app/routes/routes.ts", """
                import { Router } from "express";
                import tags from "./tag/tag.controller";
                import users from "./user/user.controller";

                const api = Router()
                  .use(tags)
                  .use("/admin", users);

                export default Router().use("/api", api);
                """),
            ("src/app/routes/tag/tag.controller.ts", TagsController),
            ("src/app/routes/user/user.controller.js", UsersController));

        Assert.Equal(
            [
                "GET /api/admin/users/:id src/app/routes/user/user.controller.js",
                "GET /api/tags src/app/routes/tag/tag.controller.ts",
                "PUT /api/admin/users/:id src/app/routes/user/user.controller.js",
            ],
            routes);
    }

    [Fact]
    public void A_router_built_in_place_is_mounted_and_exported_under_module_exports_at_any_depth()
    {
        var routes = Routes(
            ("server.js", """
                const express = require("express");
                const app = express().use("/v1", require("./api"));
                app.listen(8080);
                """),
            ("api/index.js", """
                const express = require("express");
                const { Router } = express;
                const tags = require("./tags");
                module.exports = Router().use("/catalog", Router().use(tags)).use("/health", express.Router().get("/", ping));
                """),
            ("api/tags.ts", TagsController));

        Assert.Equal(["GET /v1/catalog/tags api/tags.ts", "GET /v1/health api/index.js"], routes);
    }

    [Fact]
    public void An_alias_of_a_router_and_a_chain_over_it_are_the_same_router()
    {
        var routes = Routes(
            ("app.js", """
                import express from "express";
                import orders from "./orders.js";
                const app = express();
                app.use("/shop", orders);
                """),
            ("orders.js", """
                import express from "express";
                const base = express.Router();
                const orders = base.use(auth);
                orders.get("/orders", list);
                export default orders;
                """));

        Assert.Equal(["GET /shop/orders orders.js"], routes);
    }

    [Fact]
    public void A_settings_lookup_on_the_app_does_not_make_its_result_an_app()
    {
        var routes = Routes(
            ("app.js", """
                import express from "express";
                const app = express();
                const views = app.get("views");
                views.get("/not-a-route", handler);
                app.get("/real", handler);
                """));

        Assert.Equal(["GET /real app.js"], routes);
    }

    [Fact]
    public void Nitro_route_files_serve_the_route_and_method_their_path_names()
    {
        const string handler = """
            export default defineEventHandler(async (event) => {
              return { ok: true };
            });
            """;
        var routes = Routes(
            ("apps/api/server/routes/api/v2/auth/login.post.ts", handler),
            ("apps/api/server/routes/api/profiles/[username]/index.get.ts", """
                export default definePrivateEventHandler(async (event, { auth }) => ({ auth }));
                """),
            ("apps/api/server/routes/api/[...].options.ts", handler),
            ("server/api/tags.ts", handler),
            ("server/api/hello.get.dev.ts", handler),
            ("server/utils/auth.ts", """
                export default defineAuthHandler((event) => event);
                """),
            ("nitro.config.ts", """
                export default defineNitroConfig({ srcDir: "server" });
                """));

        Assert.Equal(
            [
                "* /api/tags server/api/tags.ts",
                "GET /api/hello server/api/hello.get.dev.ts",
                "GET /api/profiles/[username] apps/api/server/routes/api/profiles/[username]/index.get.ts",
                "OPTIONS /api/[...] apps/api/server/routes/api/[...].options.ts",
                "POST /api/v2/auth/login apps/api/server/routes/api/v2/auth/login.post.ts",
            ],
            routes);
    }

    [Fact]
    public void A_nextjs_pages_api_file_is_not_a_nitro_route()
    {
        var routes = Routes(("pages/api/orders.ts", """
            export default createHandler((req, res) => {
              if (req.method === "POST") res.status(201).end();
            });
            """));

        Assert.Equal(["POST /api/orders pages/api/orders.ts"], routes);
    }
}
