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
        from django.urls import include, path, re_path
        from rest_framework.decorators import api_view
        from rest_framework.routers import DefaultRouter

        from .api import router as api_router


        @api_view(["GET", "POST"])
        def carts(request):
            ...


        router = DefaultRouter()

        urlpatterns = [
            path("", include(router.urls)),
            path("carts/<int:pk>/", carts),
            re_path(r"^v2/(?P<version>[0-9]+)/", include(api_router.urls)),
        ]
        urlpatterns += router.urls
        """;

    [Fact]
    public void Django_function_views_take_their_methods_from_decorators_and_router_urls_are_mounts()
    {
        var facts = Extract(OrderUrls, "orders/urls.py");
        Assert.Equal([("GET", "carts/<int:pk>/"), ("POST", "carts/<int:pk>/")], facts.Endpoints.Select(e => (e.Method, e.Path)));
        Assert.All(facts.Endpoints, e => Assert.Equal(("@urlpatterns", LineOf(OrderUrls, "carts/<int:pk>/")), (e.Scope!, e.Line)));
        Assert.Equal(
            [
                new MountFact("@router", "@urlpatterns", "", LineOf(OrderUrls, "include(router.urls)")),
                // Imported, 'router' may be a variable of .api or a module .api.router: both are mounted, only one declares routes.
                new MountFact("py:.api.router.urls@urlpatterns", "@urlpatterns", "v2/{version}/", LineOf(OrderUrls, "api_router.urls")),
                new MountFact("py:.api@router", "@urlpatterns", "v2/{version}/", LineOf(OrderUrls, "api_router.urls")),
                new MountFact("@router", "@urlpatterns", "", LineOf(OrderUrls, "+= router.urls")),
            ],
            facts.Mounts);
    }

    [Theory]
    [InlineData(@"^orders/(?P<pk>[0-9]+)/$", "orders/{pk}/")]
    [InlineData(@"^orders/(?P<pk>[^/.]+)/items/(?P<item>\d+)/?$", "orders/{pk}/items/{item}/")]
    [InlineData(@"^files/(.+)\.json$", "files/{param}.json")]
    [InlineData(@"^api/(?:v1/)?orders/$", "api/orders/")]
    [InlineData(@"^(?i)Legacy/$", "Legacy/")]
    [InlineData("plain/path/", "plain/path/")]
    public void Regular_expression_routes_become_templates(string pattern, string template) =>
        Assert.Equal(template, Mesh.Engine.Extraction.Python.Django.FromRegex(pattern));
}
