using System.Net.Http.Json;

namespace WebApp.Services;

public class BasketService(HttpClient httpClient)
{
    private const string BasePath = "/api/basket";

    public Task<CustomerBasket?> GetBasketAsync(string buyerId) =>
        httpClient.GetFromJsonAsync<CustomerBasket>($"{BasePath}/{buyerId}");

    public async Task UpdateBasketAsync(CustomerBasket basket)
    {
        var response = await httpClient.PostAsJsonAsync(BasePath, basket);
        response.EnsureSuccessStatusCode();
    }

    public Task DeleteBasketAsync(string buyerId) => httpClient.DeleteAsync($"{BasePath}/{buyerId}");
}

public record CustomerBasket(string BuyerId, List<BasketItem> Items);

public record BasketItem(string Sku, string ProductName, int Quantity, decimal UnitPrice);
