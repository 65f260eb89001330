using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

/// <summary>Routes registered by calls rather than decorators: FastAPI's route methods and Starlette's routing tables.</summary>
public sealed class ProgrammaticRouteTests
{
    private static List<(string Method, string Path)> Routes(params (string Path, string Source)[] files) =>
        Resolve(files).Endpoints.Select(e => (e.Fact.Method, e.Fact.Path)).OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();

    [Fact]
    public void A_route_decorator_called_as_a_function_on_an_app_held_by_the_instance_registers_the_method()
    {
        const string source =
            """
            from fastapi import FastAPI
            from pydantic import BaseModel


            class ChatRequest(BaseModel):
                message: str


            class Agent:
                def __init__(self):
                    self.app = FastAPI()
                    self.app.post("/prompt")(self.handle_prompt)
                    self.admin = APIRouter(prefix="/admin")
                    self.admin.get("/stats")(self.stats)

                async def handle_prompt(self, request: ChatRequest):
                    return request.message

                def stats(self, limit: int = 10):
                    return {}
            """;
        var facts = Extract(source);
        var prompt = Assert.Single(facts.Endpoints, e => e.Method == "POST");
        Assert.Equal(("/prompt", LineOf(source, "self.app.post("), "handle_prompt", null), (prompt.Path, prompt.Line, prompt.Handler, prompt.Scope));
        Assert.NotNull(prompt.RequestBody);
        var stats = Assert.Single(facts.Endpoints, e => e.Method == "GET");
        Assert.Equal(("/admin/stats", "@self.admin"), (stats.Path, stats.Scope));
        Assert.Equal("limit", Assert.Single(stats.Parameters).Name);
    }

    [Fact]
    public void Add_api_route_and_api_route_take_their_methods_and_default_to_get()
    {
        const string source =
            """
            from fastapi import APIRouter, FastAPI

            router = APIRouter(prefix="/items")


            def list_items():
                return []


            def change_item(item_id: int):
                return {}


            router.add_api_route("/", list_items)
            router.add_api_route("/{item_id}", change_item, methods=["PUT", "PATCH"])
            router.api_route("/{item_id}/tags", methods=["GET", "POST"])(change_item)

            app = FastAPI()
            app.include_router(router, prefix="/api")
            app.router.add_api_route(path="/health", endpoint=list_items, methods=["GET"])
            """;
        Assert.Equal(
            [("GET", "/api/items/"), ("PATCH", "/api/items/{item_id}"), ("PUT", "/api/items/{item_id}"), ("GET", "/api/items/{item_id}/tags"), ("POST", "/api/items/{item_id}/tags"), ("GET", "/health")],
            Routes(("app/main.py", source)));
    }

    [Fact]
    public void Starlette_routes_take_the_prefixes_of_the_mounts_around_them_at_any_depth()
    {
        const string users =
            """
            from starlette.routing import Route
            from starlette.endpoints import HTTPEndpoint


            async def list_users(request):
                ...


            class UserEndpoint(HTTPEndpoint):
                async def get(self, request):
                    ...

                async def delete(self, request):
                    ...


            routes = [
                Route("/", list_users),
                Route("/{user_id:int}", UserEndpoint),
                Route("/invite", endpoint=list_users, methods=["POST"]),
            ]
            """;
        const string main =
            """
            from starlette.applications import Starlette
            from starlette.routing import Mount, Route

            from app import users


            async def health(request):
                ...


            api = [
                Mount("/v1", routes=[
                    Mount("/users", routes=users.routes),
                    Route("/status", health),
                ]),
            ]

            app = Starlette(routes=[
                Route("/health", health, methods=["GET", "HEAD"]),
                Mount("/api", routes=api),
            ])
            """;
        Assert.Equal(
            [("GET", "/api/v1/status"), ("GET", "/api/v1/users"), ("POST", "/api/v1/users/invite"), ("DELETE", "/api/v1/users/{user_id:int}"), ("GET", "/api/v1/users/{user_id:int}"), ("GET", "/health")],
            Routes(("app/users.py", users), ("app/main.py", main)));
    }

    [Fact]
    public void A_sub_application_mounted_under_a_path_serves_its_routes_there()
    {
        const string source =
            """
            from fastapi import FastAPI

            app = FastAPI()
            v1 = FastAPI()


            @v1.get("/items")
            def items():
                return []


            @app.get("/")
            def root():
                return {}


            app.mount("/v1", v1)
            """;
        Assert.Equal([("GET", "/"), ("GET", "/v1/items")], Routes(("app/main.py", source)));
    }

    [Fact]
    public void Flask_add_url_rule_registers_a_view_function_with_its_methods()
    {
        const string source =
            """
            from flask import Blueprint

            bp = Blueprint("orders", __name__, url_prefix="/orders")


            def create_order():
                ...


            bp.add_url_rule("/", view_func=create_order, methods=["POST"])
            """;
        Assert.Equal([("POST", "/orders/")], Routes(("app/orders.py", source)));
    }
}
