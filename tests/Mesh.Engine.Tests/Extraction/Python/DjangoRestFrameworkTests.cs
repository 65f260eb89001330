using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

/// <summary>A Django REST Framework project whose viewsets, base viewsets, routers and URL configurations sit in different modules.</summary>
public sealed class DjangoRestFrameworkTests
{
    private const string CommonViewSets =
        """"
        from rest_framework import viewsets
        from rest_framework.decorators import action
        from rest_framework.response import Response


        class TenantViewSet(viewsets.ModelViewSet):
            """Scopes every query to the caller's tenant."""

            def get_queryset(self):
                return super().get_queryset().filter(tenant=self.request.user.tenant)

            @action(detail=False, methods=["get"])
            def export(self, request):
                return Response(self.get_serializer(self.get_queryset(), many=True).data)


        class AuditMixin:
            @action(detail=True, url_path="history")
            def audit_log(self, request, pk=None):
                return Response([])
        """";

    private const string ShopViews =
        """
        from rest_framework import mixins, viewsets
        from rest_framework.decorators import action
        from rest_framework.response import Response

        from common.viewsets import AuditMixin, TenantViewSet

        from .models import Cart, Product, Review
        from .serializers import OrderSerializer, ProductSerializer, ReviewSerializer


        class OrderViewSet(AuditMixin, TenantViewSet):
            serializer_class = OrderSerializer

            def retrieve(self, request, pk=None):
                return Response(self.get_serializer(self.get_object()).data)

            @action(detail=True, methods=["post"], url_path="ship")
            def ship(self, request, pk=None):
                return Response({"status": "shipped"})

            @ship.mapping.delete
            def unship(self, request, pk=None):
                return Response(status=204)


        class ProductViewSet(viewsets.ReadOnlyModelViewSet):
            queryset = Product.objects.all()
            serializer_class = ProductSerializer
            lookup_field = "sku"


        class ReviewViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
            queryset = Review.objects.all()
            serializer_class = ReviewSerializer

            @action(detail=False, url_path=r"by-rating/(?P<stars>[1-5])")
            def by_rating(self, request, stars=None):
                return Response([])


        class CartViewSet(viewsets.ViewSet):
            def list(self, request):
                return Response([])

            def destroy(self, request, pk=None):
                Cart.objects.filter(pk=pk).delete()
                return Response(status=204)
        """;

    private const string ShopUrls =
        """
        from django.urls import include, path
        from rest_framework.routers import DefaultRouter

        from . import views
        from .views import CartViewSet, ProductViewSet

        router = DefaultRouter()
        router.register(r"orders", views.OrderViewSet, basename="order")
        router.register(r"products", ProductViewSet)
        router.register(r"reviews", views.ReviewViewSet)
        router.register("carts", CartViewSet, basename="cart")

        urlpatterns = [
            path("", include(router.urls)),
        ]
        """;

    private const string ProjectUrls =
        """
        from django.contrib import admin
        from django.urls import include, path

        urlpatterns = [
            path("admin/", admin.site.urls),
            path("api/v1/", include("shop.urls")),
        ]
        """;

    [Fact]
    public void A_viewset_declares_the_routes_its_bases_and_methods_support_relative_to_its_registration()
    {
        var facts = Extract(ShopViews, "shop/views.py");
        string Row(EndpointFact e) => $"{e.Scope} {e.Method} '{e.Path}' {e.Handler} {e.Line}";
        Assert.Equal(
            [
                $"@OrderViewSet GET '{{pk}}/' OrderViewSet.retrieve {LineOf(ShopViews, "def retrieve")}",
                $"@OrderViewSet POST '{{pk}}/ship/' OrderViewSet.ship {LineOf(ShopViews, "url_path=\"ship\"")}",
                $"@OrderViewSet DELETE '{{pk}}/ship/' OrderViewSet.unship {LineOf(ShopViews, "@ship.mapping.delete")}",
                $"@ProductViewSet GET '' ProductViewSet.list {LineOf(ShopViews, "class ProductViewSet")}",
                $"@ProductViewSet GET '{{sku}}/' ProductViewSet.retrieve {LineOf(ShopViews, "class ProductViewSet")}",
                $"@ReviewViewSet GET '' ReviewViewSet.list {LineOf(ShopViews, "class ReviewViewSet")}",
                $"@ReviewViewSet POST '' ReviewViewSet.create {LineOf(ShopViews, "class ReviewViewSet")}",
                $"@ReviewViewSet GET 'by-rating/{{stars}}/' ReviewViewSet.by_rating {LineOf(ShopViews, "by-rating")}",
                $"@CartViewSet GET '' CartViewSet.list {LineOf(ShopViews, "def list")}",
                $"@CartViewSet DELETE '{{pk}}/' CartViewSet.destroy {LineOf(ShopViews, "def destroy")}",
            ],
            facts.Endpoints.Select(Row));
        Assert.All(facts.Endpoints, e => Assert.True(e.ClassMember));
        Assert.Equal(("sku", "path", true), (facts.Endpoints[4].Parameters[0].Name, facts.Endpoints[4].Parameters[0].In, facts.Endpoints[4].Parameters[0].Required));
        // Bases from another module of the repo are mounted into the class: the resolver adds what they bring.
        Assert.Equal(
            [
                new MountFact("py:common.viewsets@AuditMixin", "@OrderViewSet", "", LineOf(ShopViews, "class OrderViewSet"), Inherited: true),
                new MountFact("py:common.viewsets@TenantViewSet", "@OrderViewSet", "", LineOf(ShopViews, "class OrderViewSet"), Inherited: true),
            ],
            facts.Mounts);
    }

    [Fact]
    public void Router_registrations_mount_viewsets_of_this_file_or_imported_at_their_prefix()
    {
        var facts = Extract(ShopUrls, "shop/urls.py");
        Assert.Empty(facts.Endpoints);
        Assert.Equal(
            [
                new MountFact("py:.views@OrderViewSet", "@router", "orders/", LineOf(ShopUrls, "r\"orders\"")),
                new MountFact("py:.views@ProductViewSet", "@router", "products/", LineOf(ShopUrls, "r\"products\"")),
                new MountFact("py:.views@ReviewViewSet", "@router", "reviews/", LineOf(ShopUrls, "r\"reviews\"")),
                new MountFact("py:.views@CartViewSet", "@router", "carts/", LineOf(ShopUrls, "\"carts\"")),
                new MountFact("@router", "@urlpatterns", "", LineOf(ShopUrls, "include(router.urls)")),
            ],
            facts.Mounts);
    }

    [Fact]
    public void Routes_compose_across_base_viewsets_views_routers_and_url_configurations()
    {
        var surface = Resolve(("common/viewsets.py", CommonViewSets), ("shop/views.py", ShopViews), ("shop/urls.py", ShopUrls), ("project/urls.py", ProjectUrls));
        var common = $"common/viewsets.py:{LineOf(CommonViewSets, "class TenantViewSet")}";
        Assert.Equal(
            [
                $"GET /api/v1/carts/ CartViewSet.list shop/views.py:{LineOf(ShopViews, "def list")}",
                $"DELETE /api/v1/carts/{{pk}}/ CartViewSet.destroy shop/views.py:{LineOf(ShopViews, "def destroy")}",
                $"GET /api/v1/orders/ TenantViewSet.list {common}",
                $"POST /api/v1/orders/ TenantViewSet.create {common}",
                $"GET /api/v1/orders/export/ TenantViewSet.export common/viewsets.py:{LineOf(CommonViewSets, "methods=[\"get\"]")}",
                // The subclass's retrieve overrides the inherited one.
                $"DELETE /api/v1/orders/{{pk}}/ TenantViewSet.destroy {common}",
                $"GET /api/v1/orders/{{pk}}/ OrderViewSet.retrieve shop/views.py:{LineOf(ShopViews, "def retrieve")}",
                $"PATCH /api/v1/orders/{{pk}}/ TenantViewSet.partial_update {common}",
                $"PUT /api/v1/orders/{{pk}}/ TenantViewSet.update {common}",
                $"GET /api/v1/orders/{{pk}}/history/ AuditMixin.audit_log common/viewsets.py:{LineOf(CommonViewSets, "url_path=\"history\"")}",
                $"DELETE /api/v1/orders/{{pk}}/ship/ OrderViewSet.unship shop/views.py:{LineOf(ShopViews, "@ship.mapping.delete")}",
                $"POST /api/v1/orders/{{pk}}/ship/ OrderViewSet.ship shop/views.py:{LineOf(ShopViews, "url_path=\"ship\"")}",
                $"GET /api/v1/products/ ProductViewSet.list shop/views.py:{LineOf(ShopViews, "class ProductViewSet")}",
                $"GET /api/v1/products/{{sku}}/ ProductViewSet.retrieve shop/views.py:{LineOf(ShopViews, "class ProductViewSet")}",
                $"GET /api/v1/reviews/ ReviewViewSet.list shop/views.py:{LineOf(ShopViews, "class ReviewViewSet")}",
                $"POST /api/v1/reviews/ ReviewViewSet.create shop/views.py:{LineOf(ShopViews, "class ReviewViewSet")}",
                $"GET /api/v1/reviews/by-rating/{{stars}}/ ReviewViewSet.by_rating shop/views.py:{LineOf(ShopViews, "by-rating")}",
            ],
            surface.Endpoints.Select(e => $"{e.Method} {e.Path} {e.Fact.Handler} {e.File}:{e.Line}"));
        Assert.All(surface.Endpoints, e => Assert.Equal(("django", null), (e.Fact.Framework, e.Fact.Confidence)));
    }

    [Fact]
    public void A_viewset_and_its_router_in_one_module_serve_under_an_imported_project_configuration()
    {
        const string api =
            """
            from rest_framework import mixins, routers, viewsets


            class InvoiceViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
                lookup_url_kwarg = "number"


            router = routers.DefaultRouter()
            router.register("invoices", InvoiceViewSet)
            """;
        const string urls =
            """
            from django.urls import include, path

            from billing.api import router as billing_router

            urlpatterns = [path("billing/", include(billing_router.urls))]
            """;
        var surface = Resolve(("billing/api.py", api), ("config/urls.py", urls));
        Assert.Equal(
            ["GET /billing/invoices/{number}/", "PATCH /billing/invoices/{number}/", "PUT /billing/invoices/{number}/"],
            surface.Endpoints.Select(e => $"{e.Method} {e.Path}"));
        Assert.All(surface.Endpoints, e => Assert.Equal(("billing/api.py", LineOf(api, "class InvoiceViewSet")), (e.File, e.Line)));
    }

    [Fact]
    public void Django_admin_actions_and_registrations_are_no_routes()
    {
        const string admin =
            """
            from django.contrib import admin

            from .models import Order


            @admin.register(Order)
            class OrderAdmin(admin.ModelAdmin):
                actions = ["mark_shipped"]

                @admin.action(description="Mark selected orders as shipped")
                def mark_shipped(self, request, queryset):
                    queryset.update(status="shipped")


            admin.site.register(Order, OrderAdmin)
            """;
        var facts = Extract(admin, "shop/admin.py");
        Assert.Empty(facts.Endpoints);
        Assert.Empty(facts.Mounts);
    }

    [Fact]
    public void A_viewset_nothing_registers_serves_no_routes()
    {
        var surface = Resolve(("common/viewsets.py", CommonViewSets), ("shop/views.py", ShopViews));
        Assert.Empty(surface.Endpoints);
    }

    [Fact]
    public void A_viewset_brought_by_a_star_import_is_registered_from_the_module_that_declares_it()
    {
        const string urls =
            """
            from rest_framework import routers

            from .views import *
            from .legacy import *

            router = routers.SimpleRouter()
            router.register(r"^products", ProductViewSet)
            urlpatterns = router.urls
            """;
        var surface = Resolve(("shop/views.py", ShopViews), ("shop/legacy.py", "import os\n"), ("shop/urls.py", urls));
        Assert.Equal(["GET /products/", "GET /products/{sku}/"], surface.Endpoints.Select(e => $"{e.Method} {e.Path}"));
    }
}
