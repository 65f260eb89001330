using System.Net.Http.Json;

namespace WebApp.Services;

public class OrderingService(HttpClient httpClient)
{
    public Task<OrderPage?> GetPaidOrdersAsync() => httpClient.GetFromJsonAsync<OrderPage>("/orders?status=paid");

    public Task<Order?> GetOrderAsync(Guid orderId) => httpClient.GetFromJsonAsync<Order>($"/orders/{orderId}");

    public async Task<Order?> PlaceOrderAsync(NewOrder order)
    {
        var response = await httpClient.PostAsJsonAsync("/orders", order);
        return await response.Content.ReadFromJsonAsync<Order>();
    }
}

public record NewOrder(string CustomerId, List<OrderLine> Lines);
public record OrderLine(string Sku, int Quantity);
public record Order(Guid Id, string Status, List<OrderLine> Lines);
public record OrderPage(List<Order> Items, string? NextCursor);
