using Basket.Api.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<IBasketStore, InMemoryBasketStore>();

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok("healthy"));
app.MapGroup("/api/basket").WithTags("Basket").MapBasketApi();
app.Run();
