using System.Text;

namespace Mesh.Bench;

/// <summary>
/// A deterministic corpus of realistic Python service code. Per service: a FastAPI app and router with Pydantic models,
/// HTTP clients (requests, httpx, wrappers), Django REST Framework viewsets in one module registered on a router in
/// another, a Flask blueprint, pytest fixtures in a conftest and tests using them, and a plain business-logic module
/// (most Python in a repo declares no API). <see cref="Generate"/> also returns how many endpoints the files declare.
/// </summary>
public static class PythonCorpus
{
    public static (List<(string Path, byte[] Content)> Files, int Endpoints) Generate(int services, int seed)
    {
        var random = new Random(seed);
        var files = new List<(string, byte[])>();
        var endpoints = 0;
        for (var i = 0; i < services; i++)
        {
            var root = $"svc{i:D4}";
            var entity = Entities[random.Next(Entities.Length)];
            var resources = 2 + random.Next(3);
            files.Add(($"{root}/app/main.py", Encode(AppModule(root, entity, resources))));
            for (var r = 0; r < resources; r++)
            {
                files.Add(($"{root}/app/routers/{entity}{r}.py", Encode(Router(entity, r, random))));
                endpoints += 5;
            }
            files.Add(($"{root}/app/clients/billing.py", Encode(Clients(entity, random))));
            files.Add(($"{root}/app/services/pricing.py", Encode(Pricing(entity, random))));
            files.Add(($"{root}/shop/views.py", Encode(ViewSets(entity, random, out var viewSetRoutes))));
            endpoints += viewSetRoutes;
            files.Add(($"{root}/shop/urls.py", Encode(Urls(entity))));
            endpoints += 1;
            files.Add(($"{root}/web/blueprints.py", Encode(Blueprint(entity, random))));
            endpoints += 4;
            files.Add(($"{root}/tests/conftest.py", Encode(Conftest(root))));
            files.Add(($"{root}/tests/test_{entity}.py", Encode(Tests(entity, random))));
        }
        return (files, endpoints);
    }

    private static readonly string[] Entities = ["orders", "invoices", "products", "customers", "shipments", "baskets", "payments", "reviews"];

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    private static string Singular(string entity) => entity[..^1];

    private static string Pascal(string entity) => char.ToUpperInvariant(entity[0]) + Singular(entity)[1..];

    private static string AppModule(string root, string entity, int resources)
    {
        var text = new StringBuilder(
            $$""""
            """Entry point of {{root}}: the FastAPI application and its routers."""
            import logging
            import os

            from fastapi import FastAPI
            from fastapi.middleware.cors import CORSMiddleware

            """");
        for (var r = 0; r < resources; r++) text.Append($"from app.routers import {entity}{r} as r{r}_module\n");
        text.Append(
            """

            logger = logging.getLogger(__name__)
            app = FastAPI(title="service", version=os.getenv("APP_VERSION", "dev"))
            app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"])

            """);
        for (var r = 0; r < resources; r++) text.Append($"app.include_router(r{r}_module.router, prefix=\"/api/v1\")\n");
        text.Append(
            """


            @app.on_event("startup")
            async def startup() -> None:
                logger.info("starting with %d routers", len(app.routes))
            """);
        return text.ToString();
    }

    private static string Router(string entity, int index, Random random)
    {
        var model = Pascal(entity) + index;
        var fields = 3 + random.Next(5);
        var text = new StringBuilder(
            $$""""
            """Routes for {{entity}} ({{index}}): café, ünïcode in comments is fine."""
            from datetime import datetime
            from typing import Annotated, List, Optional
            from uuid import UUID

            from fastapi import APIRouter, Depends, HTTPException, Query, status
            from pydantic import BaseModel, Field

            from app.db import Session, get_session

            router = APIRouter(prefix="/{{entity}}{{index}}", tags=["{{entity}}"])


            class {{model}}In(BaseModel):
                name: str = Field(..., min_length=1, max_length=200)
                quantity: int = Field(1, ge=1)

            """");
        for (var f = 0; f < fields; f++) text.Append($"    attribute_{f}: Optional[str] = None\n");
        text.Append(
            $$""""


            class {{model}}({{model}}In):
                id: UUID
                created_at: datetime
                tags: List[str] = []


            def _not_found(item_id: UUID) -> HTTPException:
                return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"{{Singular(entity)}} {item_id} not found")


            @router.get("/", response_model=list[{{model}}])
            async def list_{{entity}}(
                q: str | None = None,
                limit: int = Query(20, le=100),
                offset: int = 0,
                session: Session = Depends(get_session),
            ):
                rows = await session.query({{model}}, q=q, limit=limit, offset=offset)
                return [row for row in rows if row is not None]


            @router.get("/{item_id}")
            async def get_{{Singular(entity)}}(item_id: UUID, session: Session = Depends(get_session)) -> {{model}}:
                """Read one {{Singular(entity)}}."""
                row = await session.get({{model}}, item_id)
                if row is None:
                    raise _not_found(item_id)
                return row


            @router.post("/", response_model={{model}}, status_code=status.HTTP_201_CREATED)
            async def create_{{Singular(entity)}}(body: {{model}}In, session: Session = Depends(get_session)):
                created = {{model}}(id=session.new_id(), created_at=datetime.utcnow(), **body.model_dump())
                await session.add(created)
                return created


            @router.put("/{item_id}", response_model={{model}})
            async def replace_{{Singular(entity)}}(item_id: UUID, body: {{model}}In, session: Session = Depends(get_session)):
                existing = await session.get({{model}}, item_id)
                if existing is None:
                    raise _not_found(item_id)
                for key, value in body.model_dump(exclude_unset=True).items():
                    setattr(existing, key, value)
                return existing


            @router.delete("/{item_id}", status_code=204)
            async def delete_{{Singular(entity)}}(item_id: UUID, session: Session = Depends(get_session)) -> None:
                await session.delete({{model}}, item_id)

            """");
        return text.ToString();
    }

    private static string Clients(string entity, Random random)
    {
        var text = new StringBuilder(
            $$"""
            import logging
            import os
            from typing import Any

            import httpx
            import requests

            log = logging.getLogger(__name__)
            BILLING_URL = os.environ["BILLING_URL"]
            CATALOG = os.getenv("CATALOG_URL", "http://catalog")
            API = "/api/v2"
            session = requests.Session()


            def fetch_json(path: str) -> dict[str, Any]:
                response = requests.get(BILLING_URL + path, timeout=5)
                response.raise_for_status()
                return response.json()


            class CatalogClient:
                def __init__(self, token: str) -> None:
                    self.http = httpx.Client(base_url=CATALOG, headers={"authorization": f"Bearer {token}"})

                def item(self, sku: str) -> dict[str, Any]:
                    return self.http.get(f"/items/{sku}").json()

                def reserve(self, sku: str, quantity: int) -> None:
                    self.http.post(f"/items/{sku}/reservations", json={"quantity": quantity}).raise_for_status()

            """);
        for (var c = 0; c < 3 + random.Next(4); c++)
            text.Append(
                $$"""


                def invoice_{{c}}(customer_id: int, {{Singular(entity)}}_id: int) -> dict[str, Any]:
                    log.debug("invoice %s for %s", {{Singular(entity)}}_id, customer_id)
                    url = f"{BILLING_URL}{API}/customers/{customer_id}/invoices/{{{Singular(entity)}}_id}"
                    result = session.request("POST", url, json={"kind": "{{entity}}", "index": {{c}}})
                    if result.status_code >= 400:
                        raise RuntimeError(result.text)
                    return fetch_json("/api/v2/invoices/%s/lines" % {{Singular(entity)}}_id)

                """);
        return text.ToString();
    }

    private static string Pricing(string entity, Random random)
    {
        var text = new StringBuilder(
            $$""""
            """Pricing rules for {{entity}}: no HTTP here, like most of a code base."""
            from __future__ import annotations

            import math
            from dataclasses import dataclass, field
            from decimal import ROUND_HALF_UP, Decimal
            from typing import Iterable


            @dataclass(frozen=True)
            class Line:
                sku: str
                quantity: int
                unit_price: Decimal
                discounts: tuple[Decimal, ...] = field(default_factory=tuple)

                @property
                def total(self) -> Decimal:
                    gross = self.unit_price * self.quantity
                    for discount in self.discounts:
                        gross -= (gross * discount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                    return max(gross, Decimal(0))

            """");
        for (var r = 0; r < 6 + random.Next(6); r++)
            text.Append(
                $$""""


                def rule_{{r}}(lines: Iterable[Line], threshold: int = {{10 + r}}) -> Decimal:
                    """Rule {{r}}: volume discount above {threshold} items, capped."""
                    items = [line for line in lines if line.quantity > 0]
                    count = sum(line.quantity for line in items)
                    if count < threshold:
                        return sum((line.total for line in items), Decimal(0))
                    factor = Decimal(1) - Decimal(min(math.log(count, 2) / 100, 0.{{r % 9 + 1}}))
                    totals = {line.sku: line.total * factor for line in items}
                    try:
                        return sum(totals.values(), Decimal(0)).quantize(Decimal("0.01"))
                    except ArithmeticError as error:  # pragma: no cover
                        raise ValueError(f"rule {{r}} failed for {len(items)} lines") from error

                """");
        return text.ToString();
    }

    private static string ViewSets(string entity, Random random, out int routes)
    {
        var model = Pascal(entity);
        var readOnly = random.Next(2) == 0;
        routes = 6 + 2 + (readOnly ? 2 : 3);
        return
            $$"""
            from django.db.models import Count
            from django.http import JsonResponse
            from rest_framework import mixins, permissions, serializers, viewsets
            from rest_framework.decorators import action
            from rest_framework.response import Response

            from .models import {{model}}, {{model}}Line


            class {{model}}Serializer(serializers.ModelSerializer):
                lines = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

                class Meta:
                    model = {{model}}
                    fields = ["id", "number", "status", "lines", "created_at"]


            class {{model}}ViewSet(viewsets.ModelViewSet):
                queryset = {{model}}.objects.annotate(line_count=Count("lines")).order_by("-created_at")
                serializer_class = {{model}}Serializer
                permission_classes = [permissions.IsAuthenticated]

                def get_queryset(self):
                    queryset = super().get_queryset()
                    status = self.request.query_params.get("status")
                    return queryset.filter(status=status) if status else queryset

                @action(detail=True, methods=["post"], url_path="cancel")
                def cancel(self, request, pk=None):
                    item = self.get_object()
                    item.status = "cancelled"
                    item.save(update_fields=["status"])
                    return Response({"status": item.status})

                @action(detail=False)
                def recent(self, request):
                    page = self.paginate_queryset(self.get_queryset()[:50])
                    return self.get_paginated_response(self.get_serializer(page, many=True).data)


            class {{model}}LineViewSet({{(readOnly ? "viewsets.ReadOnlyModelViewSet" : "mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet")}}):
                queryset = {{model}}Line.objects.select_related("{{Singular(entity)}}")
                serializer_class = serializers.Serializer


            def health(request):
                return JsonResponse({"ok": True})
            """;
    }

    private static string Urls(string entity)
    {
        var model = Pascal(entity);
        return
            $$"""
            from django.urls import include, path
            from rest_framework.routers import DefaultRouter

            from . import views
            from .views import {{model}}LineViewSet

            router = DefaultRouter()
            router.register(r"{{entity}}", views.{{model}}ViewSet, basename="{{Singular(entity)}}")
            router.register(r"{{Singular(entity)}}-lines", {{model}}LineViewSet)

            urlpatterns = [
                path("api/", include(router.urls)),
                path("health/", views.health),
            ]
            """;
    }

    private static string Blueprint(string entity, Random random) =>
        $$"""
        from flask import Blueprint, abort, jsonify, request
        from flask.views import MethodView

        bp = Blueprint("{{entity}}", __name__, url_prefix="/legacy/{{entity}}")


        @bp.route("/", methods=["GET"])
        def index():
            limit = int(request.args.get("limit", {{10 + random.Next(40)}}))
            return jsonify({"items": [], "limit": limit})


        @bp.get("/<int:item_id>")
        def show(item_id: int):
            if item_id <= 0:
                abort(404)
            return jsonify({"id": item_id})


        class Notes(MethodView):
            def post(self, item_id):
                payload = request.get_json(force=True)
                return jsonify(payload), 201

            def delete(self, item_id, note_id):
                return "", 204


        bp.add_url_rule("/<int:item_id>/notes", view_func=Notes.as_view("notes"))
        """;

    private static string Conftest(string root) =>
        $$"""
        import pytest
        from fastapi.testclient import TestClient

        from app.main import app


        @pytest.fixture
        def client():
            with TestClient(app) as test_client:
                yield test_client


        @pytest.fixture
        def auth_client(client):
            client.headers.update({"authorization": "Bearer {{root}}"})
            return client
        """;

    private static string Tests(string entity, Random random)
    {
        var text = new StringBuilder(
            """
            import uuid

            import pytest

            """);
        for (var t = 0; t < 4 + random.Next(4); t++)
            text.Append(
                $$"""


                def test_{{entity}}_roundtrip_{{t}}(client, auth_client):
                    created = auth_client.post("/api/v1/{{entity}}0/", json={"name": "n{{t}}", "quantity": {{t + 1}}})
                    assert created.status_code == 201, created.text
                    item_id = created.json()["id"]
                    fetched = client.get(f"/api/v1/{{entity}}0/{item_id}")
                    assert fetched.json()["name"] == "n{{t}}"


                @pytest.mark.parametrize("missing", [uuid.uuid4(), uuid.uuid4()])
                def test_{{entity}}_missing_{{t}}(client, missing):
                    assert client.get(f"/api/v1/{{entity}}0/{missing}").status_code == 404

                """);
        return text.ToString();
    }
}
