using Basket.Api.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Basket.Api.Apis;

public static class BasketApi
{
    public static RouteGroupBuilder MapBasketApi(this RouteGroupBuilder api)
    {
        api.MapGet("/{buyerId}", GetBasketAsync).WithName("GetBasket");
        api.MapPost("/", UpdateBasketAsync).WithName("UpdateBasket");
        api.MapDelete("/{buyerId}", DeleteBasketAsync).WithName("DeleteBasket");
        return api;
    }

    public static async Task<Results<Ok<CustomerBasket>, NotFound>> GetBasketAsync(string buyerId, IBasketStore store)
    {
        var basket = await store.GetAsync(buyerId);
        return basket is null ? TypedResults.NotFound() : TypedResults.Ok(basket);
    }

    public static async Task<Ok<CustomerBasket>> UpdateBasketAsync(CustomerBasket basket, IBasketStore store) =>
        TypedResults.Ok(await store.SaveAsync(basket));

    public static async Task<NoContent> DeleteBasketAsync(string buyerId, IBasketStore store)
    {
        await store.DeleteAsync(buyerId);
        return TypedResults.NoContent();
    }
}
