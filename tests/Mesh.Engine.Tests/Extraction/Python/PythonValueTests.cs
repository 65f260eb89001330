using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

/// <summary>Values held in other modules (settings classes, constants, instances) as route prefixes, routes and URLs.</summary>
public sealed class PythonValueTests
{
    private const string Config =
        """
        from pydantic_settings import BaseSettings


        class Settings(BaseSettings):
            API_V1_STR: str = "/api/v1"
            SECRET_KEY: str


        settings = Settings()
        """;

    private const string Users =
        """
        from fastapi import APIRouter

        router = APIRouter(prefix="/users", tags=["users"])


        @router.get("/me")
        def read_me():
            ...
        """;

    private const string Main =
        """
        from fastapi import FastAPI

        from app.api.routes import users
        from app.core.config import settings

        app = FastAPI(openapi_url=f"{settings.API_V1_STR}/openapi.json")
        app.include_router(users.router, prefix=settings.API_V1_STR)
        """;

    [Fact]
    public void A_router_included_under_a_settings_field_gets_the_fields_default()
    {
        var surface = Resolve(("app/core/config.py", Config), ("app/api/routes/users.py", Users), ("app/main.py", Main));
        var endpoint = Assert.Single(surface.Endpoints);
        Assert.Equal(("GET", "/api/v1/users/me", null), (endpoint.Fact.Method, endpoint.Fact.Path, endpoint.Fact.Note));
    }

    [Fact]
    public void Test_calls_built_on_a_settings_field_resolve_to_the_full_path()
    {
        const string test =
            """
            from fastapi.testclient import TestClient

            from app.core.config import settings


            def login(*, client: TestClient, email: str) -> dict[str, str]:
                r = client.post(f"{settings.API_V1_STR}/login/access-token", data={"username": email})
                return r.json()


            def test_me(client: TestClient) -> None:
                client.get(f"{settings.API_V1_STR}/users/me")
            """;
        var surface = Resolve(("app/core/config.py", Config), ("tests/test_users.py", test));
        Assert.Equal(
            [("POST", "/api/v1/login/access-token", null, true), ("GET", "/api/v1/users/me", null, true)],
            surface.CallSites.Select(c => (c.Fact.Method, c.Fact.Url, c.Fact.BaseHint, c.IsTest)));
    }

    [Fact]
    public void Constants_dataclasses_plain_classes_and_factories_are_followed_through_imports_and_reexports()
    {
        const string constants =
            """
            from dataclasses import dataclass, field

            BASE = "/api"
            V2 = BASE + "/v2"


            class Paths:
                ORDERS = "/orders"


            @dataclass
            class ApiConfig:
                prefix: str = field(default="/shop")
                admin: str = "/admin"


            class Extended(ApiConfig):
                pass
            """;
        const string package = "from .constants import V2, Paths\n";
        const string settings =
            """
            from functools import lru_cache

            from app.core.constants import ApiConfig


            @lru_cache
            def get_config() -> ApiConfig:
                return ApiConfig()
            """;
        const string routes =
            """
            import app.core.constants as consts
            from fastapi import APIRouter
            from app.core import V2, Paths
            from app.core.settings import get_config
            from app.core.constants import Extended

            router = APIRouter(prefix=V2)
            extended = Extended(admin="/staff")


            @router.get(Paths.ORDERS + "/{order_id}")
            def order(order_id: int): ...


            @router.get(f"{get_config().prefix}/cart")
            def cart(): ...


            @router.get(consts.BASE + "/health")
            def health(): ...


            @router.get(extended.admin)
            def staff(): ...


            @router.get(f"{extended.prefix}/items")
            def items(): ...
            """;
        var surface = Resolve(("app/core/constants.py", constants), ("app/core/__init__.py", package), ("app/core/settings.py", settings), ("app/routes.py", routes));
        Assert.Equal(
            ["/api/v2/api/health", "/api/v2/orders/{order_id}", "/api/v2/shop/cart", "/api/v2/shop/items", "/api/v2/staff"],
            surface.Endpoints.Select(e => e.Fact.Path).Order(StringComparer.Ordinal));
        Assert.All(surface.Endpoints, e => Assert.Null(e.Fact.Note));
    }

    [Fact]
    public void A_value_found_nowhere_stays_a_marked_hole()
    {
        const string routes =
            """
            from fastapi import FastAPI
            from app.core.config import settings
            from vendor.paths import PREFIX

            app = FastAPI()


            @app.get(f"{settings.MISSING}/x")
            def x(): ...


            @app.get(PREFIX + "/y")
            def y(): ...
            """;
        var surface = Resolve(("app/core/config.py", Config), ("app/main.py", routes));
        Assert.Equal(
            [("/{MISSING}/x", 0.5), ("/{PREFIX}/y", 0.5)],
            surface.Endpoints.Select(e => (e.Fact.Path, e.Fact.Confidence ?? 1)).OrderBy(p => p.Path, StringComparer.Ordinal));
        Assert.All(surface.Endpoints, e => Assert.StartsWith("route partly unknown", e.Fact.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_settings_value_at_the_start_of_a_url_stays_a_config_hint()
    {
        const string client =
            """
            import httpx
            from app.core.config import settings

            def orders():
                return httpx.get(f"{settings.ORDERS_URL}/orders")
            """;
        var call = Assert.Single(Resolve(("app/core/config.py", Config), ("app/client.py", client)).CallSites);
        Assert.Equal(("{ORDERS_URL}/orders", "config:ORDERS_URL", null), (call.Fact.Url, call.Fact.BaseHint, call.Fact.Unresolved));
    }

    [Fact]
    public void Dependencies_through_annotated_aliases_from_another_module_are_not_the_body()
    {
        const string deps =
            """
            from typing import Annotated
            from fastapi import Depends
            from sqlmodel import Session

            def get_db(): ...
            def get_current_user(): ...

            SessionDep = Annotated[Session, Depends(get_db)]
            CurrentUser = Annotated["User", Depends(get_current_user)]
            """;
        const string models =
            """
            from pydantic import BaseModel

            class ItemCreate(BaseModel):
                title: str
            """;
        const string routes =
            """
            from fastapi import APIRouter
            from app.api.deps import CurrentUser, SessionDep
            from app.models import ItemCreate

            router = APIRouter()


            @router.post("/items/")
            def create_item(*, session: SessionDep, current_user: CurrentUser, item_in: ItemCreate, notify: bool = False): ...


            @router.get("/items/{id}")
            def read_item(session: SessionDep, current_user: CurrentUser, id: int): ...
            """;
        var surface = Resolve(("app/api/deps.py", deps), ("app/models.py", models), ("app/api/routes.py", routes));
        var create = surface.Endpoints.Single(e => e.Fact.Method == "POST").Fact;
        Assert.Equal("ItemCreate", create.RequestBody?.Schema?.Ref);
        Assert.True(create.RequestBody!.Required);
        Assert.Equal([("notify", "query")], create.Parameters.Select(p => (p.Name, p.In)));
        var read = surface.Endpoints.Single(e => e.Fact.Method == "GET").Fact;
        Assert.Null(read.RequestBody);
        Assert.Equal([("id", "path")], read.Parameters.Select(p => (p.Name, p.In)));
    }

    [Fact]
    public void An_environment_variable_with_a_default_has_the_default_as_its_value_and_keeps_the_variable_as_the_hint()
    {
        const string config =
            """
            import os

            from pydantic_settings import BaseSettings

            API_PREFIX = os.getenv("API_PREFIX", "/api")


            class Settings(BaseSettings):
                ORDERS_URL: str = os.environ.get("ORDERS_URL", "http://orders:8000")
                TOKEN_PATH: str = os.getenv("TOKEN_PATH")


            settings = Settings()
            """;
        const string main =
            """
            import os

            import requests
            from fastapi import FastAPI

            from app.config import API_PREFIX, settings
            from app import users

            app = FastAPI()
            app.include_router(users.router, prefix=API_PREFIX)
            HOST = os.getenv("BILLING_HOST", "billing")


            def sync():
                requests.get(f"{settings.ORDERS_URL}/orders")
                requests.post(os.getenv("BILLING_URL", f"http://{HOST}:9000") + "/invoices")
                requests.get(f"{settings.TOKEN_PATH}/token")
            """;
        var surface = Resolve(("app/config.py", config), ("app/users.py", Users), ("app/main.py", main));
        Assert.Equal("/api/users/me", Assert.Single(surface.Endpoints).Fact.Path);
        Assert.Equal(
            [("http://orders:8000/orders", null), ("http://billing:9000/invoices", "env:BILLING_URL"), ("{TOKEN_PATH}/token", "config:TOKEN_PATH")],
            surface.CallSites.Select(c => (c.Fact.Url, c.Fact.BaseHint)));
    }
}
