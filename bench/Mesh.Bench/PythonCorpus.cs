using System.Text;

namespace Mesh.Bench;

/// <summary>
/// A deterministic corpus of Python service code: per service a FastAPI router with Pydantic models, a Flask
/// blueprint, Django URLs and views, an HTTP client module (requests/httpx) and plain helpers that call nothing.
/// </summary>
public static class PythonCorpus
{
    public static IEnumerable<(string Path, byte[] Content)> Generate(int services, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < services; i++)
        {
            var entity = Entities[random.Next(Entities.Length)];
            var name = $"svc{i:D4}";
            yield return ($"{name}/app/routers/{entity}s.py", Encode(FastApiRouter(entity, random)));
            yield return ($"{name}/app/models.py", Encode(Models(entity, random)));
            yield return ($"{name}/legacy/{entity}s.py", Encode(FlaskBlueprint(entity, random)));
            yield return ($"{name}/site/{entity}s/urls.py", Encode(DjangoUrls(entity)));
            yield return ($"{name}/site/{entity}s/views.py", Encode(DjangoViews(entity)));
            yield return ($"{name}/app/clients.py", Encode(Client(entity)));
            yield return ($"{name}/app/util.py", Encode(Helpers(entity, random)));
        }
    }

    private static readonly string[] Entities = ["order", "invoice", "product", "customer", "shipment", "basket", "payment", "review"];

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string FastApiRouter(string entity, Random random)
    {
        var type = Title(entity);
        var text = new StringBuilder($$"""
            from typing import Annotated

            from fastapi import APIRouter, Depends, HTTPException, Query
            from sqlalchemy.orm import Session

            from ..db import get_session
            from ..models import {{type}}, {{type}}Create

            router = APIRouter(prefix="/{{entity}}s", tags=["{{entity}}s"])


            """);
        for (var m = 0; m < 3 + random.Next(3); m++)
            text.Append($$""""
                @router.get("/v{{m}}/{item_id}", response_model={{type}})
                async def read_{{entity}}_{{m}}(item_id: int, q: Annotated[str | None, Query(max_length=50)] = None, db: Session = Depends(get_session)):
                    """Read one {{entity}} (version {{m}})."""
                    row = db.get({{type}}, item_id)
                    if row is None or (q and q not in row.name):
                        raise HTTPException(status_code=404, detail=f"{{entity}} {item_id} not found")
                    return row


                @router.post("/v{{m}}", response_model={{type}}, status_code=201)
                async def create_{{entity}}_{{m}}(body: {{type}}Create, db: Session = Depends(get_session)) -> {{type}}:
                    row = {{type}}(**body.model_dump(), version={{m}})
                    db.add(row)
                    db.commit()
                    return row


                """");
        return text.ToString();
    }

    private static string Models(string entity, Random random)
    {
        var type = Title(entity);
        var text = new StringBuilder($$"""
            from datetime import datetime
            from enum import Enum

            from pydantic import BaseModel, Field


            class {{type}}Status(str, Enum):
                draft = "draft"
                placed = "placed"
                cancelled = "cancelled"


            class {{type}}Create(BaseModel):
                customer_id: str = Field(..., max_length=40)
                quantity: int = Field(1, ge=1)
                note: str | None = None
                status: {{type}}Status = {{type}}Status.draft


            class {{type}}({{type}}Create):
                id: int
                created_at: datetime
                tags: list[str] = []

            """);
        for (var m = 0; m < random.Next(4); m++)
            text.Append($"\n\nclass {type}Event{m}(BaseModel):\n    kind: str = \"{entity}.{m}\"\n    at: datetime\n    payload: dict[str, int] = {{}}\n");
        return text.ToString();
    }

    private static string FlaskBlueprint(string entity, Random random)
    {
        var text = new StringBuilder($$"""
            from flask import Blueprint, abort, jsonify, request

            from .store import store

            bp = Blueprint("{{entity}}s", __name__, url_prefix="/legacy/{{entity}}s")


            """);
        for (var m = 0; m < 2 + random.Next(3); m++)
            text.Append($$"""
                @bp.route("/v{{m}}/<int:item_id>", methods=["GET", "PUT"])
                def item_{{m}}(item_id):
                    if request.method == "PUT":
                        store.update(item_id, request.get_json(force=True))
                    found = store.get(item_id)
                    if found is None:
                        abort(404)
                    return jsonify({"id": item_id, **found, "links": [f"/legacy/{{entity}}s/v{{m}}/{item_id}"]})


                """);
        return text.ToString();
    }

    private static string DjangoUrls(string entity) => $$"""
        from django.urls import include, path
        from rest_framework.routers import DefaultRouter

        from . import views

        router = DefaultRouter()
        router.register(r"{{entity}}s", views.{{Title(entity)}}ViewSet)

        urlpatterns = [
            path("api/", include(router.urls)),
            path("reports/<int:year>/", views.yearly_report),
        ]

        """;

    private static string DjangoViews(string entity) => $$"""
        from django.http import JsonResponse
        from rest_framework import viewsets
        from rest_framework.decorators import api_view

        from .models import {{Title(entity)}}
        from .serializers import {{Title(entity)}}Serializer


        class {{Title(entity)}}ViewSet(viewsets.ModelViewSet):
            queryset = {{Title(entity)}}.objects.all().order_by("-created")
            serializer_class = {{Title(entity)}}Serializer


        @api_view(["GET"])
        def yearly_report(request, year):
            rows = {{Title(entity)}}.objects.filter(created__year=year).values("status")
            totals = {}
            for row in rows:
                totals[row["status"]] = totals.get(row["status"], 0) + 1
            return JsonResponse({"year": year, "totals": totals})

        """;

    private static string Client(string entity) => $$"""
        import os

        import httpx
        import requests

        BASE = os.environ.get("{{entity.ToUpperInvariant()}}_API", "http://{{entity}}s:8000")
        client = httpx.Client(base_url=BASE, timeout=5.0)


        def fetch_{{entity}}(item_id: int) -> dict:
            response = requests.get(f"{BASE}/{{entity}}s/v0/{item_id}", timeout=5)
            response.raise_for_status()
            return response.json()


        def create_{{entity}}(payload: dict) -> dict:
            return client.post("/{{entity}}s/v0", json=payload).json()


        def search(term: str, page: int = 1):
            params = {"q": term, "page": page}
            return requests.get(BASE + "/search", params=params).json()

        """;

    private static string Helpers(string entity, Random random)
    {
        var text = new StringBuilder($"\"\"\"Helpers for {entity}s: money, dates, caching. No I/O.\"\"\"\nfrom __future__ import annotations\n\nimport time\nfrom dataclasses import dataclass, field\nfrom decimal import Decimal\n\n");
        for (var m = 0; m < 4 + random.Next(6); m++)
            text.Append($$"""


                @dataclass
                class Money{{m}}:
                    amount: Decimal
                    currency: str = "EUR"

                    def format(self, locale: str = "en_GB") -> str:
                        digits = 2 if self.currency == "GBP" else {{m % 3}}
                        return f"{self.amount:.{digits}f} {self.currency}"


                def total_{{m}}(values: list[Money{{m}}]) -> Decimal:
                    return sum((v.amount * (1 + Decimal({{m}}) / 100) for v in values), Decimal(0))


                @dataclass
                class Cache{{m}}:
                    ttl: float = {{m + 1}}.0
                    items: dict[str, tuple[object, float]] = field(default_factory=dict)

                    def get(self, key: str):
                        hit = self.items.get(key)
                        if hit is None or hit[1] < time.monotonic():
                            self.items.pop(key, None)
                            return None
                        return hit[0]

                    def put(self, key: str, value: object) -> None:
                        self.items[key] = (value, time.monotonic() + self.ttl)
                """);
        return text.ToString();
    }
}
