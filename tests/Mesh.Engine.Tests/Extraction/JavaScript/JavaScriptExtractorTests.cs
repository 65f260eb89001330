using System.Text;
using Mesh.Engine.Extraction;
using Mesh.Engine.Extraction.JavaScript;
using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class JavaScriptExtractorTests
{
    [Theory]
    [InlineData("src/app.js", true)]
    [InlineData("src/App.jsx", true)]
    [InlineData("server.mjs", true)]
    [InlineData("server.cjs", true)]
    [InlineData("src/orders.controller.ts", true)]
    [InlineData("src/Orders.tsx", true)]
    [InlineData("src/types/api.d.ts", false)]
    [InlineData("public/vendor.min.js", false)]
    [InlineData("src/Program.cs", false)]
    [InlineData("openapi.json", false)]
    public void Accepts_javascript_and_typescript_sources_but_not_declarations_or_minified_files(string path, bool accepted) =>
        Assert.Equal(accepted, new JavaScriptExtractor().Accepts(path));

    [Fact]
    public void Minified_content_is_skipped_with_a_diagnostic_saying_why()
    {
        var bundle = "/*! main v1 */\n!function(){" + string.Concat(Enumerable.Repeat("fetch(\"/api/orders\");", 200)) + "}();\n//# sourceMappingURL=main.js.map\n";

        var facts = Extract("dist/main.js", bundle);

        Assert.Empty(facts.CallSites);
        Assert.StartsWith("minified: 1 line(s) longer than 2,000 bytes", facts.Skipped, StringComparison.Ordinal);
        var diagnostic = Assert.Single(facts.Diagnostics);
        Assert.Equal(2, diagnostic.Line);
        Assert.StartsWith("minified or generated code", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src/deep.ts", 1_000)]
    [InlineData("src/deep.js", 5_000)]
    [InlineData("src/deep.tsx", 20_000)]
    public void Calls_around_a_deeply_nested_line_are_read_and_the_line_is_reported(string path, int depth)
    {
        var source = "fetch('/before');\nconst x = " + new string('(', depth) + "fetch('/inside')" + new string(')', depth) + ";\nfetch('/after');\n";

        var facts = Extract(path, source);

        Assert.Equal([("/before", 1), ("/after", 3)], facts.CallSites.Select(c => (c.Url, c.Line)));
        Assert.Null(facts.Skipped);
        var diagnostic = Assert.Single(facts.Diagnostics, d => d.Line == 2);
        Assert.Equal($"line 2 ({2 * depth + 27:N0} bytes) longer than 2,000 bytes not read, as minified or generated code is not; the rest of the file is read", diagnostic.Message);
    }

    [Fact]
    public void Deep_nesting_over_many_lines_is_read_whole()
    {
        var source = "fetch('/before');\nconst x = " + string.Concat(Enumerable.Repeat("(\n", 5_000)) + "fetch('/inside')" + string.Concat(Enumerable.Repeat(")\n", 5_000)) + ";\nfetch('/after');\n";

        var facts = Extract("src/deep.ts", source);

        Assert.Equal(["/before", "/inside", "/after"], facts.CallSites.Select(c => c.Url));
        Assert.Empty(facts.Diagnostics);
    }

    [Fact]
    public void Broken_file_still_yields_what_is_readable_and_says_where_it_broke()
    {
        const string source = """
            const express = require("express");
            const router = express.Router();

            router.get("/orders", list);
            router.post("/orders", (req, res) => {
              res.status(201).json(
            });

            module.exports = router;
            """;

        var facts = Extract("src/routes/orders.js", source);

        Assert.Contains(facts.Endpoints, e => (e.Method, e.Path, e.Line) == ("GET", "/orders", LineOf(source, "router.get")));
        Assert.NotEmpty(facts.Diagnostics);
        Assert.All(facts.Diagnostics, d => Assert.StartsWith("syntax error", d.Message));
    }

    [Fact]
    public void Facts_depend_on_the_bytes_not_on_the_folder()
    {
        const string source = """
            export async function GET() { return Response.json(await fetch("https://catalog/api/items").then((r) => r.json())); }
            """;
        var bytes = Encoding.UTF8.GetBytes(source);
        var extractor = new JavaScriptExtractor();

        var a = extractor.Extract("app/api/items/route.ts", bytes);
        var b = extractor.Extract("lib/other/place.ts", bytes);

        Assert.Equal(a.Endpoints, b.Endpoints);
        Assert.Equal(a.CallSites.Select(c => (c.Url, c.Method, c.Line)), b.CallSites.Select(c => (c.Url, c.Method, c.Line)));
        Assert.Equal("https://catalog/api/items", Assert.Single(a.CallSites).Url);
    }

    [Fact]
    public void Esm_app_mounts_default_and_named_imports()
    {
        const string source = """
            import express from "express";
            import helmet from "helmet";
            import ordersRouter from "./routes/orders.js";
            import { catalogRouter as catalog } from "@/routes/catalog";

            const server = express();
            server.use(helmet());
            server.use("/api/orders", ordersRouter);
            server.use(catalog);
            server.post("/webhooks/stripe", express.raw({ type: "application/json" }), onStripe);
            """;

        var facts = Extract("src/server.ts", source);

        Assert.Equal(
            [
                new MountFact("js:./routes/orders.js@default", null, "/api/orders", LineOf(source, "server.use(\"/api/orders\"")),
                new MountFact("js:@/routes/catalog@catalogRouter", null, "", LineOf(source, "server.use(catalog)")),
            ],
            facts.Mounts);
        var webhook = Assert.Single(facts.Endpoints);
        Assert.Equal(("POST", "/webhooks/stripe", null, "onStripe"), (webhook.Method, webhook.Path, webhook.Scope, webhook.Handler));
    }

    [Fact]
    public void CommonJs_named_router_exports_are_declared()
    {
        const string source = """
            const { Router } = require("express");
            const publicRouter = Router();
            const internal = Router();

            publicRouter.get("/status", status);
            internal.get("/metrics", metrics);

            module.exports = { publicRouter, internalRouter: internal };
            """;

        var facts = Extract("src/routes/index.js", source);

        Assert.Equal(
            [("export:internalRouter", "@internal"), ("export:publicRouter", "@publicRouter")],
            facts.Mounts.Select(m => (m.Scope, m.Parent)));
        Assert.Equal(["@publicRouter", "@internal"], facts.Endpoints.Select(e => e.Scope));
    }

    [Fact]
    public void Nest_controller_without_export_and_switch_on_method_in_pages_api()
    {
        const string controller = """
            @Controller("health")
            class HealthController {
              @Get()
              check() { return { ok: true }; }
            }
            """;
        const string pages = """
            export default async (req, res) => {
              switch (req.method) {
                case "PUT": return update(req, res);
                case "DELETE": return remove(req, res);
                default: res.status(405).end();
              }
            };
            """;

        Assert.Equal(("GET", "/health"), Extract("src/health.controller.ts", controller).Endpoints.Select(e => (e.Method, e.Path)).Single());
        Assert.Equal(["PUT", "DELETE"], Extract("pages/api/orders/[id].js", pages).Endpoints.Select(e => e.Method));
    }
}
