using WebApp.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient<BasketService>(client => client.BaseAddress = new("https+http://basket-api"));
builder.Services.AddHttpClient<OrderingService>(client => client.BaseAddress = new Uri(builder.Configuration["Services:Orders"]!));

var app = builder.Build();
app.MapRazorPages();
app.Run();
