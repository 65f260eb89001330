using Mesh.Engine.Extraction;
using Mesh.Engine.Model;
using Mesh.Engine.Resolution;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Tests.Resolution;

/// <summary>Routes declared relative to routers in other files compose into absolute routes (the facts Python and JS extractors write).</summary>
public sealed class ScopeNamesTests
{
    private static EndpointFact Route(string method, string path, string? scope, int line = 1) =>
        new() { Method = method, Path = path, Source = EndpointSources.Code, Framework = "test", Line = line, Scope = scope };

    private static IndexedFile File(string path, IReadOnlyList<EndpointFact>? endpoints = null, IReadOnlyList<MountFact>? mounts = null) =>
        new(path, "blob-" + path, "test", 1, new FileFacts(endpoints ?? [], [], SchemaTable.Empty, []) { Mounts = mounts ?? [] }, Parsed: true);

    private static List<string> Routes(params IndexedFile[] files) =>
        RepoResolver.Resolve("svc", files).Endpoints.Select(e => $"{e.Method} {e.Path} {e.File}").ToList();

    [Fact]
    public void A_python_router_in_another_module_is_mounted_at_its_include_prefix()
    {
        var routes = Routes(
            File("app/main.py", [Route("GET", "/health", null)], [new MountFact("py:app.routers.items@router", null, "/api/v1", 3)]),
            File("app/routers/items.py", [Route("GET", "/items/{item_id}", "@router")]),
            File("app/routers/__init__.py"));

        Assert.Equal(["GET /api/v1/items/{item_id} app/routers/items.py", "GET /health app/main.py"], routes);
    }

    [Fact]
    public void Relative_python_imports_resolve_next_to_the_importing_file()
    {
        var routes = Routes(
            File("src/shop/api.py", mounts: [new MountFact("py:.orders@bp", null, "/orders", 5)]),
            File("src/shop/orders.py", [Route("POST", "/", "@bp")]));

        Assert.Equal(["POST /orders src/shop/orders.py"], routes);
    }

    [Fact]
    public void An_express_router_exported_by_default_and_imported_elsewhere_is_mounted()
    {
        var routes = Routes(
            File("src/app.ts", mounts: [new MountFact("js:./routes/orders@default", null, "/api/orders", 7)]),
            File("src/routes/orders.ts", [Route("GET", "/:id", "@router")], [new MountFact("export:default", "@router", "", 12)]),
            File("src/routes/users/index.js", [Route("GET", "/", "@users")], [new MountFact("export:users", "@users", "", 9)]),
            File("src/server.js", mounts: [new MountFact("js:./routes/users@users", null, "/users", 3)]));

        Assert.Equal(["GET /api/orders/:id src/routes/orders.ts", "GET /users src/routes/users/index.js"], routes);
    }

    [Fact]
    public void Django_includes_chain_through_urlpatterns_of_several_files()
    {
        var routes = Routes(
            File("project/urls.py", mounts: [new MountFact("py:orders.urls@urlpatterns", "@urlpatterns", "api/", 4)]),
            File("orders/urls.py", [Route("GET", "orders/<int:pk>/", "@urlpatterns")]));

        Assert.Equal(["GET /api/orders/<int:pk>/ orders/urls.py"], routes);
    }

    [Fact]
    public void Next_js_route_files_take_their_route_from_the_path_and_other_files_are_no_routes()
    {
        var routes = Routes(
            File("web/src/app/api/orders/[id]/route.ts", [Route("GET", "", "fs:nextjs-app"), Route("DELETE", "", "fs:nextjs-app")]),
            File("web/app/(shop)/api/cart/route.ts", [Route("POST", "", "fs:nextjs-app")]),
            File("web/pages/api/users/index.ts", [Route("GET", "", "fs:nextjs-pages")]),
            File("web/lib/helpers.ts", [Route("GET", "", "fs:nextjs-app")]));

        Assert.Equal(
        [
            "POST /api/cart web/app/(shop)/api/cart/route.ts",
            "DELETE /api/orders/[id] web/src/app/api/orders/[id]/route.ts",
            "GET /api/orders/[id] web/src/app/api/orders/[id]/route.ts",
            "GET /api/users web/pages/api/users/index.ts",
        ], routes);
    }

    [Fact]
    public void An_import_that_cannot_be_resolved_leaves_the_routes_at_their_declared_path()
    {
        var routes = Routes(File("routes/a.ts", [Route("GET", "/a", "@router")]), File("main.ts", mounts: [new MountFact("js:express-shared@default", null, "/x", 1)]));

        Assert.Equal(["GET /a routes/a.ts"], routes);
    }
}
