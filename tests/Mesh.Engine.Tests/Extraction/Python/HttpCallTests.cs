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
        Assert.Equal(("fastapi-testclient", "POST", "/api/items/", LineOf(Tests, "client.post")), (call.Client, call.Method, call.Url, call.Line));
    }
}
