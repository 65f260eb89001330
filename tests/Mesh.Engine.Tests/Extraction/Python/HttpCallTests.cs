using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

public sealed class HttpCallTests
{
    private const string Client =
        """
        import os

        import httpx
        import requests

        ORDERS = os.environ["ORDERS_URL"]
        API_PREFIX = "/api/v1"
        session = requests.Session()


        def get_order(order_id):
            return requests.get(f"{ORDERS}{API_PREFIX}/orders/{order_id}").json()


        def cancel(order_id):
            url = API_PREFIX + "/orders/%s/cancel" % order_id
            return session.request("DELETE", url)


        def catalog(sku):
            with httpx.Client(base_url=os.getenv("CATALOG_URL")) as client:
                return client.get("/items/{}".format(sku))


        def anything(target):
            return httpx.post(target(), json={})


        def fetch_json(path):
            return requests.get(ORDERS + path).json()


        def report():
            return fetch_json("/api/v1/reports/daily")
        """;

    [Fact]
    public void Calls_resolve_constants_locals_and_formats_with_base_hints()
    {
        var calls = Extract(Client, "client/orders.py").CallSites;
        Assert.Equal(
            [
                ("requests", "GET", "{ORDERS_URL}/api/v1/orders/{order_id}", "env:ORDERS_URL", (string?)null),
                ("requests", "DELETE", "/api/v1/orders/{order_id}/cancel", null, null),
                ("httpx", "GET", "/items/{sku}", "env:CATALOG_URL", null),
                ("httpx", "POST", "{target}", null, "result of 'target(...)'"),
            ],
            calls.Select(c => (c.Client, c.Method, c.Url, c.BaseHint, c.Unresolved)));
        Assert.Equal(LineOf(Client, "requests.get(f\""), calls[0].Line);
    }

    [Fact]
    public void A_function_forwarding_its_url_is_a_wrapper_and_its_callers_are_candidates()
    {
        var facts = Extract(Client, "client/orders.py");
        var wrapper = Assert.Single(facts.Wrappers);
        Assert.Equal(("fetch_json", 1, 0, "GET", "requests", "{ORDERS_URL}"), (wrapper.Function, wrapper.Arity, wrapper.UrlArgument, wrapper.Method, wrapper.Client, wrapper.UrlPrefix));
        Assert.Equal(LineOf(Client, "def fetch_json"), wrapper.Line);
        Assert.DoesNotContain(facts.CallSites, c => c.Url.Contains("{path}", StringComparison.Ordinal));
        var candidate = Assert.Single(facts.CallCandidates);
        Assert.Equal(("fetch_json", "/api/v1/reports/daily"), (candidate.Function, candidate.Arguments[0]));
    }

    private const string Tests =
        """
        from fastapi.testclient import TestClient

        from app.main import app

        client = TestClient(app)


        def test_create_item():
            response = client.post("/api/items/", json={"name": "x"})
            assert response.status_code == 201
        """;

    [Fact]
    public void Test_client_calls_are_recorded_as_test_client_calls()
    {
        var call = Assert.Single(Extract(Tests, "tests/test_items.py").CallSites);
        Assert.Equal(("fastapi-testclient", "POST", "/api/items/", LineOf(Tests, "client.post"), true), (call.Client, call.Method, call.Url, call.Line, call.Test));
    }

    private const string DjangoTests =
        """
        from django.test import TestCase
        from django.urls import reverse
        from rest_framework.test import APIClient, APITestCase


        class OrderApiTests(APITestCase):
            def test_list(self):
                response = self.client.get("/api/v1/orders/", format="json")
                self.assertEqual(response.status_code, 200)


        class CheckoutTests(TestCase):
            def setUp(self):
                self.api = APIClient()
                self.api.force_authenticate(user=None)

            def test_checkout(self):
                self.client.post("/checkout/", {"cart": 1})
                self.api.delete("/api/v1/carts/1/")


        class Helper:
            def get(self):
                return self.client.get("/not/a/test/client/")
        """;

    [Fact]
    public void Django_test_case_clients_and_drf_api_clients_are_test_calls()
    {
        var calls = Extract(DjangoTests, "orders/tests.py").CallSites;
        Assert.Equal(
            [
                ("django-testclient", "GET", "/api/v1/orders/", LineOf(DjangoTests, "self.client.get(\"/api/v1/orders/\""), true),
                ("django-testclient", "POST", "/checkout/", LineOf(DjangoTests, "/checkout/"), true),
                ("drf-apiclient", "DELETE", "/api/v1/carts/1/", LineOf(DjangoTests, "self.api.delete"), true),
            ],
            calls.Select(c => (c.Client, c.Method, c.Url, c.Line, c.Test)));
    }
}
