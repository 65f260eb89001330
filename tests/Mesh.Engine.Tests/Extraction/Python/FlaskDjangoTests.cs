using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

public sealed class FlaskDjangoTests
{
    private const string FlaskApp =
        """
        from flask import Blueprint, Flask, jsonify
        from flask.views import MethodView

        from .orders import orders_bp

        app = Flask(__name__)
        users = Blueprint("users", __name__, url_prefix="/users")


        @users.route("/", methods=["GET", "POST"])
        def users_index():
            return jsonify([])


        @users.get("/<int:user_id>")
        def get_user(user_id):
            return jsonify({})


        @app.route("/ping")
        def ping():
            return "pong"


        class TokenApi(MethodView):
            def post(self):
                ...

            def delete(self, token_id):
                ...


        app.add_url_rule("/tokens/<token_id>", view_func=TokenApi.as_view("tokens"))
        app.register_blueprint(users, url_prefix="/v1")
        app.register_blueprint(orders_bp)
        """;

    [Fact]
    public void Flask_routes_blueprint_prefixes_and_method_views()
    {
        var facts = Extract(FlaskApp);
        Assert.Equal(
            [
                ("GET", "/users/", "@users"), ("POST", "/users/", "@users"), ("GET", "/users/<int:user_id>", "@users"),
                ("GET", "/ping", null), ("DELETE", "/tokens/<token_id>", null), ("POST", "/tokens/<token_id>", null),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Scope)));
        Assert.All(facts.Endpoints, e => Assert.Equal("flask", e.Framework));
        Assert.Equal(LineOf(FlaskApp, "@users.get"), facts.Endpoints[2].Line);
        Assert.Equal(("user_id", "path", "integer"), (facts.Endpoints[2].Parameters[0].Name, facts.Endpoints[2].Parameters[0].In, facts.Endpoints[2].Parameters[0].Schema!.Types![0]));
        Assert.Equal(LineOf(FlaskApp, "add_url_rule"), facts.Endpoints[^1].Line);
        Assert.Equal(
            [
                new MountFact("@users", null, "/v1", LineOf(FlaskApp, "register_blueprint(users")),
                new MountFact("py:.orders@orders_bp", null, "", LineOf(FlaskApp, "register_blueprint(orders_bp")),
            ],
            facts.Mounts);
    }

    private const string ProjectUrls =
        """
        from django.contrib import admin
        from django.urls import include, path, re_path

        from shop import views

        urlpatterns = [
            path("admin/", admin.site.urls),
            path("api/", include("orders.urls")),
            path("health/", views.health, name="health"),
            re_path(r"^legacy/(?P<slug>[-\w]+)/$", views.LegacyView.as_view()),
            path("v2/", include([
                path("status/", views.status),
            ])),
        ]
        """;

    private const string OrderUrls =
        """
        from django.urls import include, path
        from rest_framework import viewsets
        from rest_framework.decorators import action, api_view
        from rest_framework.routers import DefaultRouter

        from .views import CustomerViewSet


        class OrderViewSet(viewsets.ModelViewSet):
            @action(detail=True, methods=["post"])
            def ship(self, request, pk=None):
                ...


        class ProductViewSet(viewsets.ReadOnlyModelViewSet):
            pass


        @api_view(["GET", "POST"])
        def carts(request):
            ...


        router = DefaultRouter()
        router.register(r"orders", OrderViewSet)
        router.register(r"products", ProductViewSet, basename="product")
        router.register("customers", CustomerViewSet)

        urlpatterns = [
            path("", include(router.urls)),
            path("carts/<int:pk>/", carts),
        ]
        """;

    [Fact]
    public void Django_paths_are_relative_to_urlpatterns_and_includes_are_mounts()
    {
        var facts = Extract(ProjectUrls, "shop/urls.py");
        Assert.Equal(
            [("GET", "health/"), ("GET", @"^legacy/(?P<slug>[-\w]+)/$"), ("GET", "v2/status/")],
            facts.Endpoints.Select(e => (e.Method, e.Path)));
        Assert.All(facts.Endpoints, e => Assert.Equal(("@urlpatterns", "django", 0.6), (e.Scope!, e.Framework, e.Confidence!.Value)));
        Assert.Equal(LineOf(ProjectUrls, "views.health"), facts.Endpoints[0].Line);
        Assert.Equal(new MountFact("py:orders.urls@urlpatterns", "@urlpatterns", "api/", LineOf(ProjectUrls, "orders.urls")), Assert.Single(facts.Mounts));
    }

    [Fact]
    public void Drf_routers_give_list_detail_and_action_routes()
    {
        var facts = Extract(OrderUrls, "orders/urls.py");
        var routes = facts.Endpoints.Where(e => e.Scope == "@router").Select(e => $"{e.Method} {e.Path}").ToList();
        Assert.Equal(
            [
                "POST orders/{pk}/ship/",
                "DELETE orders/{pk}/", "GET orders/", "GET orders/{pk}/", "PATCH orders/{pk}/", "POST orders/", "PUT orders/{pk}/",
                "GET products/", "GET products/{pk}/",
                "DELETE customers/{pk}/", "GET customers/", "GET customers/{pk}/", "PATCH customers/{pk}/", "POST customers/", "PUT customers/{pk}/",
            ],
            routes);
        Assert.Equal(LineOf(OrderUrls, "@action"), facts.Endpoints.Single(e => e.Path.EndsWith("ship/", StringComparison.Ordinal)).Line);
        Assert.Equal(0.8, facts.Endpoints.First(e => e.Path.StartsWith("customers", StringComparison.Ordinal)).Confidence);
        Assert.Equal([("GET", "carts/<int:pk>/"), ("POST", "carts/<int:pk>/")], facts.Endpoints.Where(e => e.Scope == "@urlpatterns").Select(e => (e.Method, e.Path)));
        Assert.Equal(new MountFact("@router", "@urlpatterns", "", LineOf(OrderUrls, "router.urls")), Assert.Single(facts.Mounts));
    }
}
