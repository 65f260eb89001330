namespace Basket.Api.Model;

public record CustomerBasket(string BuyerId, List<BasketItem> Items);

public record BasketItem(string Sku, string ProductName, int Quantity, decimal UnitPrice);
