namespace Mesh.Testing;

/// <summary>
/// Three repos that call each other, with history: <c>orders</c> (ASP.NET Core minimal API) dropped a response field and
/// then an operation in its last commits; <c>web</c> (ASP.NET Core, typed HttpClients) reads the dropped field, calls
/// the dropped operation and makes a call with a computed URL; <c>reports</c> (FastAPI, requests with an env base)
/// calls orders and web. Commit ids are reproducible.
/// </summary>
public static class ShopWorkspace
{
    public const string OrdersProgram =
        """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();

        app.MapGet("/orders", () => TypedResults.Ok(new List<Order>()));
        app.MapGet("/orders/{id:int}", (int id) => TypedResults.Ok(new Order(id, "open", 10m, "EUR")));
        app.MapGet("/orders/{id:int}/items", (int id) => TypedResults.Ok(new List<OrderItem>()));
        app.MapPost("/orders", (NewOrder order) => TypedResults.Created("/orders/1", new Order(1, "open", order.Total, "EUR")));
        app.Run();
        """;

    public const string OrdersModel =
        """
        public record Order(int Id, string Status, decimal Total, string Currency);

        public record OrderItem(string Sku, int Quantity);

        public record NewOrder(string Sku, decimal Total);
        """;

    public const string WebProgram =
        """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = new Uri("http://orders"));
        builder.Services.AddHttpClient<ReportsClient>(c => c.BaseAddress = new Uri("http://reports"));
        var app = builder.Build();

        app.MapGet("/dashboard", () => TypedResults.Ok(new Dashboard(0)));
        app.Run();

        public record Dashboard(int OpenOrders);
        """;

    public const string WebOrdersClient =
        """
        public record OrderView(int Id, string Status, decimal Total);

        public record ItemView(string Sku, int Quantity);

        public record NewOrderForm(string Sku, decimal Total);

        public class OrdersClient(HttpClient http)
        {
            public Task<OrderView?> Get(int id) => http.GetFromJsonAsync<OrderView>($"/orders/{id}");
            public Task<List<ItemView>?> Items(int id) => http.GetFromJsonAsync<List<ItemView>>($"/orders/{id}/items");
            public Task<HttpResponseMessage> Create(NewOrderForm form) => http.PostAsJsonAsync("/orders", form);
        }
        """;

    public const string WebReportsClient =
        """
        public class ReportsClient(HttpClient http)
        {
            public Task<string> Daily() => http.GetStringAsync("/reports/daily");
            public Task<string> Next(ReportPage page) => http.GetStringAsync(page.Links.Next);
        }
        """;

    public const string ReportsApp =
        """
        import os

        import requests
        from fastapi import FastAPI

        app = FastAPI()
        ORDERS = os.environ["ORDERS_URL"]


        @app.get("/reports/daily")
        def daily():
            orders = requests.get(f"{ORDERS}/orders").json()
            dashboard = requests.get("http://web/dashboard").json()
            return {"orders": len(orders), "open": dashboard["openOrders"]}


        @app.get("/reports/orders/{order_id}")
        def order_report(order_id: int):
            order = requests.get(f"{ORDERS}/orders/{order_id}").json()
            return {"status": order["status"]}
        """;

    /// <summary>Builds the repos in <paramref name="workspace"/>: orders with four commits, web and reports with one each.</summary>
    public static void Create(TempWorkspace workspace)
    {
        var orders = workspace.AddRepo("orders");
        orders.Write("src/Orders.Api/Program.cs", OrdersProgram).Write("src/Orders.Api/Model.cs", OrdersModel).Commit("orders api");
        orders.Write("src/Orders.Api/Model.cs", OrdersModel.Replace(" decimal Total,", "", StringComparison.Ordinal))
            .Write("src/Orders.Api/Program.cs", OrdersProgram.Replace("10m, ", "", StringComparison.Ordinal).Replace("order.Total, ", "", StringComparison.Ordinal))
            .Commit("orders no longer carry their total");
        orders.Write("src/Orders.Api/Program.cs", OrdersProgram.Replace("10m, ", "", StringComparison.Ordinal).Replace("order.Total, ", "", StringComparison.Ordinal)
                .Replace("app.MapGet(\"/orders/{id:int}/items\", (int id) => TypedResults.Ok(new List<OrderItem>()));\n", "", StringComparison.Ordinal))
            .Commit("items move to the catalog");
        orders.Write("README.md", "# Orders\n").Commit("readme");

        workspace.AddRepo("web").Write("src/Web/Program.cs", WebProgram).Write("src/Web/OrdersClient.cs", WebOrdersClient)
            .Write("src/Web/ReportsClient.cs", WebReportsClient).Commit("web");
        workspace.AddRepo("reports").Write("reports/app.py", ReportsApp).Write(".env", "ORDERS_URL=http://orders:8080\n").Commit("reports");
    }
}
