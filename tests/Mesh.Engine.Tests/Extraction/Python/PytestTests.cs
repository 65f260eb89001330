using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

/// <summary>Tests that call the application through pytest fixtures declared in their module or in a conftest.py up the folders.</summary>
public sealed class PytestTests
{
    private const string Conftest =
        """
        import pytest
        from fastapi.testclient import TestClient
        from httpx import ASGITransport, AsyncClient

        from app.main import app


        @pytest.fixture
        def client():
            with TestClient(app) as test_client:
                yield test_client


        @pytest.fixture(name="admin")
        def admin_client(client):
            client.headers["Authorization"] = "Bearer admin"
            client.post("/api/login", json={"user": "admin"})
            return client


        @pytest.fixture
        async def async_client():
            async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as ac:
                yield ac


        @pytest.fixture
        def orders_repository():
            return {"1": {"id": "1"}}
        """;

    private const string OrderTests =
        """
        import pytest
        from fastapi.testclient import TestClient


        def test_read_order(client):
            response = client.get("/api/orders/1")
            assert response.status_code == 200


        def test_admin_cancels(admin, orders_repository):
            order_id = "1"
            response = admin.post(f"/api/orders/{order_id}/cancel")
            assert response.status_code == 202


        @pytest.mark.anyio
        async def test_list_orders(async_client):
            response = await async_client.get("/api/orders/", params={"limit": 5})
            assert response.status_code == 200


        def test_typed(test_client: TestClient):
            test_client.delete("/api/orders/1")


        def test_repository_only(orders_repository):
            assert orders_repository.get("1")


        class TestOrderSearch:
            def test_by_status(self, client):
                client.get("/api/orders/search?status=open")
        """;

    private const string FlaskTests =
        """
        import pytest

        from legacy.app import create_app


        @pytest.fixture
        def client():
            app = create_app()
            app.config["TESTING"] = True
            return app.test_client()


        def test_ping(client):
            assert client.get("/ping").data == b"pong"
        """;

    private const string Service =
        """
        def sync(client):
            return client.get("/api/orders/1")
        """;

    [Fact]
    public void Fixtures_that_provide_a_client_and_calls_on_injected_parameters_are_facts()
    {
        var facts = Extract(Conftest, "tests/conftest.py");
        Assert.Equal(
            [
                new ClientFixtureFact("client", "fastapi-testclient", null, LineOf(Conftest, "def client")),
                new ClientFixtureFact("admin", null, "client", LineOf(Conftest, "def admin_client")),
                new ClientFixtureFact("async_client", "httpx", null, LineOf(Conftest, "def async_client")),
            ],
            facts.ClientFixtures);
        var login = Assert.Single(facts.FixtureCalls);
        Assert.Equal(("client", "POST", "/api/login", LineOf(Conftest, "/api/login")), (login.Fixture, login.Call.Method, login.Call.Url, login.Call.Line));
        Assert.Empty(facts.CallSites);
    }

    [Fact]
    public void Calls_through_fixtures_of_the_module_or_a_conftest_up_the_folders_are_test_call_sites()
    {
        var surface = Resolve(
            ("tests/conftest.py", Conftest), ("tests/api/test_orders.py", OrderTests), ("tests/legacy/test_flask.py", FlaskTests), ("app/services.py", Service));
        Assert.Equal(
            [
                $"tests/api/test_orders.py:{LineOf(OrderTests, "client.get(\"/api/orders/1\")")} fastapi-testclient GET /api/orders/1 test=True",
                $"tests/api/test_orders.py:{LineOf(OrderTests, "/cancel")} fastapi-testclient POST /api/orders/1/cancel test=True",
                $"tests/api/test_orders.py:{LineOf(OrderTests, "async_client.get")} httpx GET /api/orders/ test=True",
                $"tests/api/test_orders.py:{LineOf(OrderTests, "test_client.delete")} fastapi-testclient DELETE /api/orders/1 test=True",
                $"tests/api/test_orders.py:{LineOf(OrderTests, "search?status")} fastapi-testclient GET /api/orders/search?status=open test=True",
                $"tests/conftest.py:{LineOf(Conftest, "/api/login")} fastapi-testclient POST /api/login test=True",
                $"tests/legacy/test_flask.py:{LineOf(FlaskTests, "/ping")} flask-testclient GET /ping test=True",
            ],
            surface.CallSites.Select(c => $"{c.File}:{c.Line} {c.Fact.Client} {c.Fact.Method} {c.Fact.Url} test={c.IsTest}"));
        Assert.All(surface.CallSites, c => Assert.Null(c.Fact.BaseHint));
    }

    [Fact]
    public void A_fixture_imported_from_a_module_that_is_no_conftest_is_found_when_it_is_the_only_one_of_its_name()
    {
        const string fixtures =
            """
            import pytest
            from flask.testing import FlaskClient

            from shop import create_app


            @pytest.fixture
            def shop_client() -> FlaskClient:
                return create_app().test_client()
            """;
        const string test =
            """
            from support.fixtures import shop_client


            def test_cart(shop_client):
                shop_client.put("/cart/items/42", json={"quantity": 2})
            """;
        var call = Assert.Single(Resolve(("support/fixtures.py", fixtures), ("checks/cart_check.py", test)).CallSites);
        // A client fixture marks the call as test code even outside a test folder.
        Assert.Equal(("flask-testclient", "PUT", "/cart/items/42", LineOf(test, "shop_client.put"), true), (call.Fact.Client, call.Fact.Method, call.Fact.Url, call.Line, call.IsTest));
    }

    [Fact]
    public void A_parameter_that_no_fixture_provides_a_client_for_is_no_call_site()
    {
        var untyped = OrderTests.Replace("test_client: TestClient", "test_client", StringComparison.Ordinal);
        Assert.Empty(Resolve(("tests/test_orders.py", untyped)).CallSites);
    }
}
