using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class ExpressTests
{
    private const string CommonJsApp = """
        const express = require("express");
        const cors = require("cors");
        const ordersRouter = require("./routes/orders");
        const { usersRouter } = require("./routes/users");

        const app = express();
        app.use(cors());
        app.use(express.json());

        app.get("/health", (req, res) => res.json({ ok: true }));
        app.use("/api/orders", ordersRouter);
        app.use("/api", usersRouter);
        app.use("/admin", require("./routes/admin"));

        app.listen(process.env.PORT || 3000);
        """;

    private const string CommonJsRouter = """
        const express = require("express");
        const controller = require("../controllers/orders");
        const router = express.Router();

        router.get("/", controller.list);
        router.post("/", validate(orderSchema), controller.create);
        router
          .route("/:id")
          .get(controller.show)
          .put(controller.update)
          .delete(controller.remove);

        module.exports = router;
        """;

    private const string EsmRouters = """
        import { Router } from "express";
        import * as items from "./items";
        import auth from "../middleware/auth";

        export const usersRouter = Router();
        const adminRouter = Router();

        usersRouter.get("/users/:userId", async (req, res) => {
          res.json(await db.users.find(req.params.userId));
        });
        usersRouter.use("/users/:userId/items", auth, items.router);
        adminRouter.delete("/users/:userId", removeUser);
        usersRouter.use("/admin", adminRouter);

        export default adminRouter;
        """;

    [Fact]
    public void CommonJs_app_routes_are_absolute_and_imported_routers_are_mounted_under_their_prefix()
    {
        var facts = Extract("src/app.js", CommonJsApp);

        var health = Assert.Single(facts.Endpoints);
        Assert.Equal(("GET", "/health", null, "express"), (health.Method, health.Path, health.Scope, health.Framework));
        Assert.Equal(LineOf(CommonJsApp, "app.get(\"/health\""), health.Line);
        Assert.Equal(
            [
                new MountFact("js:./routes/orders@default", null, "/api/orders", LineOf(CommonJsApp, "\"/api/orders\"")),
                new MountFact("js:./routes/users@usersRouter", null, "/api", LineOf(CommonJsApp, "usersRouter);")),
                new MountFact("js:./routes/admin@default", null, "/admin", LineOf(CommonJsApp, "\"/admin\"")),
            ],
            facts.Mounts);
        Assert.Empty(facts.CallSites);
    }

    [Fact]
    public void Router_module_routes_are_relative_to_the_router_and_its_export_is_declared()
    {
        var facts = Extract("src/routes/orders.js", CommonJsRouter);

        Assert.Equal(
            [
                ("GET", "/", LineOf(CommonJsRouter, "router.get(\"/\"")),
                ("POST", "/", LineOf(CommonJsRouter, "router.post(")),
                ("GET", "/:id", LineOf(CommonJsRouter, ".get(controller.show)")),
                ("PUT", "/:id", LineOf(CommonJsRouter, ".put(")),
                ("DELETE", "/:id", LineOf(CommonJsRouter, ".delete(")),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.All(facts.Endpoints, e => Assert.Equal("@router", e.Scope));
        Assert.Equal("controller.create", facts.Endpoints[1].Handler);
        Assert.Equal([new MountFact("export:default", "@router", "", LineOf(CommonJsRouter, "module.exports"))], facts.Mounts);
    }

    [Fact]
    public void Esm_routers_nest_and_export_under_their_names()
    {
        var facts = Extract("src/routes/users.ts", EsmRouters);

        Assert.Equal(
            [("GET", "/users/:userId", "@usersRouter"), ("DELETE", "/users/:userId", "@adminRouter")],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Scope)));
        Assert.Equal(LineOf(EsmRouters, "usersRouter.get("), facts.Endpoints[0].Line);
        Assert.Equal(
            [
                new MountFact("export:usersRouter", "@usersRouter", "", LineOf(EsmRouters, "export const usersRouter")),
                new MountFact("js:./items@router", "@usersRouter", "/users/:userId/items", LineOf(EsmRouters, "items.router")),
                new MountFact("@adminRouter", "@usersRouter", "/admin", LineOf(EsmRouters, "usersRouter.use(\"/admin\"")),
                new MountFact("export:default", "@adminRouter", "", LineOf(EsmRouters, "export default")),
            ],
            facts.Mounts);
    }

    [Fact]
    public void A_settings_lookup_with_one_argument_is_not_a_route()
    {
        const string source = """
            const express = require("express");
            const app = express();
            const env = app.get("env");
            app.set("trust proxy", 1);
            """;

        Assert.Empty(Extract("server.js", source).Endpoints);
    }

    [Fact]
    public void All_is_an_endpoint_of_every_method_but_a_catch_all_guard_is_middleware()
    {
        const string source = """
            const express = require("express");
            const router = express.Router();

            router.all("*", requireLogin);
            router.all("/legacy/orders/:id", (req, res) => res.status(410).json({ error: "gone" }));
            router
              .route("/orders/:id")
              .all(loadOrder)
              .get(showOrder);

            module.exports = router;
            """;

        var facts = Extract("src/routes/legacy.js", source);

        Assert.Equal(
            [("*", "/legacy/orders/:id", LineOf(source, "router.all(\"/legacy")), ("GET", "/orders/:id", LineOf(source, ".get(showOrder)"))],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.Empty(facts.CallCandidates);
    }
}
