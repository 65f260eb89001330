using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

public sealed class FastApiTests
{
    private const string Main =
        """
        from fastapi import FastAPI
        from app.routers import items
        from app.routers.users import router as users_router
        from .internal import admin

        app = FastAPI(title="Shop")

        app.include_router(items.router, prefix="/api")
        app.include_router(users_router)
        app.include_router(admin.router, prefix="/admin", tags=["admin"])


        @app.get("/health")
        def health() -> dict[str, str]:
            return {"status": "ok"}
        """;

    private const string Items =
        """"
        from datetime import datetime
        from enum import Enum
        from typing import Annotated, List, Literal, Optional
        from uuid import UUID

        from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query, status
        from pydantic import BaseModel, Field

        router = APIRouter(prefix="/items", tags=["items"])
        reviews = APIRouter()
        router.include_router(reviews, prefix="/{item_id}/reviews")


        class Color(str, Enum):
            red = "red"
            blue = "blue"


        class ItemBase(BaseModel):
            name: str
            price: float = Field(..., gt=0)
            color: Color | None = None
            tags: List[str] = []


        class ItemIn(ItemBase):
            sku: str = Field(alias="stockKeepingUnit")


        class Item(ItemBase):
            id: UUID
            created_at: datetime
            status: Literal["draft", "published"] = "draft"
            parent: Optional["Item"] = None


        @router.get("/", response_model=list[Item])
        async def list_items(q: str | None = None, limit: int = Query(20, le=100), db=Depends(get_db)):
            return []


        @router.get("/{item_id}")  # get-item
        async def get_item(item_id: UUID, x_request_id: Annotated[str, Header()]) -> Item:
            """Read one item."""
            ...


        @router.post("/", response_model=Item, status_code=status.HTTP_201_CREATED)
        async def create_item(item: ItemIn, dry_run: bool = False):
            ...


        @router.api_route("/{item_id}", methods=["PUT", "PATCH"])
        async def replace_item(item_id: UUID = Path(...), item: ItemIn = Body(...)):
            ...


        @reviews.delete("/{review_id}")
        def delete_review(item_id: UUID, review_id: int):
            ...
        """";

    [Fact]
    public void Routes_of_an_app_are_absolute_and_routers_are_mounted_by_import()
    {
        var facts = Extract(Main);
        var health = Assert.Single(facts.Endpoints);
        Assert.Equal(("GET", "/health", null, "fastapi"), (health.Method, health.Path, health.Scope, health.Framework));
        Assert.Equal(LineOf(Main, "@app.get"), health.Line);
        Assert.Equal("health", health.Handler);
        Assert.Equal(
            [
                new MountFact("py:app.routers.items@router", null, "/api", LineOf(Main, "items.router")),
                new MountFact("py:app.routers.users@router", null, "", LineOf(Main, "include_router(users_router)")),
                new MountFact("py:.internal.admin@router", null, "/admin", LineOf(Main, "admin.router")),
            ],
            facts.Mounts);
    }

    [Fact]
    public void Router_prefix_is_applied_in_the_file_and_the_router_is_the_scope()
    {
        var facts = Extract(Items);
        Assert.Equal(
            [
                ("GET", "/items/"), ("GET", "/items/{item_id}"), ("POST", "/items/"), ("PATCH", "/items/{item_id}"), ("PUT", "/items/{item_id}"), ("DELETE", "/{review_id}"),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path)));
        Assert.All(facts.Endpoints.Take(5), e => Assert.Equal("@router", e.Scope));
        Assert.Equal("@reviews", facts.Endpoints[^1].Scope);
        Assert.Equal(new MountFact("@reviews", "@router", "/{item_id}/reviews", LineOf(Items, "router.include_router")), Assert.Single(facts.Mounts));
        var get = facts.Endpoints[1];
        Assert.Equal(LineOf(Items, "# get-item"), get.Line);
        Assert.Equal("Read one item.", get.Summary);
        Assert.Equal(["items"], get.Tags);
    }

    [Fact]
    public void Parameters_come_from_the_path_markers_and_types()
    {
        var endpoints = Extract(Items).Endpoints;
        var list = endpoints[0];
        Assert.Equal([("q", "query", false), ("limit", "query", false)], list.Parameters.Select(p => (p.Name, p.In, p.Required)));
        Assert.Equal(["integer"], list.Parameters[1].Schema!.Types);
        Assert.Null(list.RequestBody);
        var get = endpoints[1];
        Assert.Equal([("item_id", "path", true), ("x-request-id", "header", true)], get.Parameters.Select(p => (p.Name, p.In, p.Required)));
        Assert.Equal("uuid", get.Parameters[0].Schema!.Format);
        var create = endpoints[2];
        Assert.Equal(ApiSchema.Reference("ItemIn"), create.RequestBody!.Schema);
        Assert.True(create.RequestBody.Required);
        Assert.Equal([("dry_run", "query", false)], create.Parameters.Select(p => (p.Name, p.In, p.Required)));
        var replace = endpoints[3];
        Assert.Equal(ApiSchema.Reference("ItemIn"), replace.RequestBody!.Schema);
        Assert.Equal([("item_id", "path", true)], replace.Parameters.Select(p => (p.Name, p.In, p.Required)));
    }

    [Fact]
    public void Responses_come_from_response_model_or_the_return_annotation()
    {
        var endpoints = Extract(Items).Endpoints;
        var list = Assert.Single(endpoints[0].Responses);
        Assert.Equal("200", list.Status);
        Assert.Equal(Json(new ApiSchema { Types = ["array"], Items = ApiSchema.Reference("Item") }), Json(list.Schema));
        Assert.Equal(ApiSchema.Reference("Item"), Assert.Single(endpoints[1].Responses).Schema);
        var created = Assert.Single(endpoints[2].Responses);
        Assert.Equal(("201", ApiSchema.Reference("Item")), (created.Status, created.Schema));
    }

    [Fact]
    public void Pydantic_models_become_named_schemas()
    {
        var schemas = Extract(Items).Schemas.Schemas;
        Assert.Equal(["Color", "Item", "ItemBase", "ItemIn"], schemas.Keys);
        Assert.Equal(["\"red\"", "\"blue\""], schemas["Color"].Enum);
        var itemBase = schemas["ItemBase"];
        Assert.Equal(["color", "name", "price", "tags"], itemBase.Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["name", "price"], itemBase.Required);
        Assert.Equal(Json(new ApiSchema { AnyOf = [ApiSchema.Reference("Color")], Nullable = true, Default = "null" }), Json(itemBase.Properties["color"]));
        Assert.Equal(Json(new ApiSchema { Types = ["array"], Items = new ApiSchema { Types = ["string"] } }), Json(itemBase.Properties["tags"]));
        var itemIn = schemas["ItemIn"];
        Assert.Equal(ApiSchema.Reference("ItemBase"), itemIn.AllOf![0]);
        Assert.Equal(["stockKeepingUnit"], itemIn.AllOf[1].Properties!.Keys);
        Assert.Equal(["stockKeepingUnit"], itemIn.AllOf[1].Required);
        var item = schemas["Item"].AllOf![1];
        Assert.Equal("date-time", item.Properties!["created_at"].Format);
        Assert.Equal(["\"draft\"", "\"published\""], item.Properties["status"].Enum);
        Assert.Equal(["created_at", "id"], item.Required);
        Assert.Equal(Json(new ApiSchema { AnyOf = [ApiSchema.Reference("Item")], Nullable = true, Default = "null" }), Json(item.Properties["parent"]));
    }

    [Fact]
    public void A_broken_file_still_yields_its_readable_routes_and_a_few_diagnostics()
    {
        const string broken = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get(\"/ok\")\ndef ok():\n    return 1\n\ndef half(:\n    x = = 2\n";
        var facts = Extract(broken);
        Assert.Equal("/ok", Assert.Single(facts.Endpoints).Path);
        Assert.InRange(facts.Diagnostics.Count, 1, 3);
    }
}
