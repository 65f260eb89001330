using System.Text;

namespace Mesh.Bench;

/// <summary>
/// A deterministic corpus of realistic ASP.NET Core service code: per service a controller, a minimal API module,
/// DTOs and a typed HttpClient consumer. Each service yields exactly <see cref="EndpointsPerService"/> endpoints.
/// </summary>
public static class CSharpCorpus
{
    public const int EndpointsPerService = 9;

    public static IEnumerable<(string Path, byte[] Content)> Generate(int services, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < services; i++)
        {
            var name = $"Svc{i:D4}";
            var entity = Entities[random.Next(Entities.Length)] + i;
            yield return ($"src/{name}/Controllers/{entity}Controller.cs", Encode(Controller(name, entity, random)));
            yield return ($"src/{name}/Apis/{entity}Api.cs", Encode(MinimalApi(name, entity, random)));
            yield return ($"src/{name}/Model/{entity}.cs", Encode(Dtos(name, entity, random)));
            yield return ($"src/{name}/Clients/{entity}Client.cs", Encode(Client(name, entity, random)));
        }
    }

    private static readonly string[] Entities = ["Order", "Invoice", "Product", "Customer", "Shipment", "Basket", "Payment", "Review"];

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    private static string Controller(string service, string entity, Random random)
    {
        var text = new StringBuilder();
        text.AppendLine($$"""
            using Microsoft.AspNetCore.Mvc;

            namespace {{service}}.Controllers;

            /// <summary>Manages {{entity}} resources.</summary>
            [ApiController]
            [Route("api/[controller]")]
            public class {{entity}}Controller(I{{entity}}Repository repository, ILogger<{{entity}}Controller> logger) : ControllerBase
            {
                [HttpGet]
                public async Task<ActionResult<IEnumerable<{{entity}}Dto>>> GetAllAsync([FromQuery] int page = 1, [FromQuery] int pageSize = 20)
                {
                    logger.LogInformation("Listing page {Page}", page);
                    var items = await repository.ListAsync(page, pageSize);
                    return Ok(items.Select(Map));
                }

                [HttpGet("{id:guid}")]
                [ProducesResponseType(typeof({{entity}}Dto), StatusCodes.Status200OK)]
                [ProducesResponseType(StatusCodes.Status404NotFound)]
                public async Task<IActionResult> GetByIdAsync(Guid id)
                {
                    var item = await repository.FindAsync(id);
                    return item is null ? NotFound() : Ok(Map(item));
                }

                [HttpPost]
                public async Task<ActionResult<{{entity}}Dto>> CreateAsync([FromBody] Create{{entity}}Request request)
                {
                    if (!ModelState.IsValid) return BadRequest(ModelState);
                    var created = await repository.AddAsync(request);
                    return CreatedAtAction(nameof(GetByIdAsync), new { id = created.Id }, Map(created));
                }

                [HttpPut("{id:guid}")]
                public async Task<IActionResult> UpdateAsync(Guid id, Update{{entity}}Request request)
                {
                    await repository.UpdateAsync(id, request);
                    return NoContent();
                }

                [HttpDelete("{id:guid}")]
                public async Task<IActionResult> DeleteAsync(Guid id)
                {
                    await repository.DeleteAsync(id);
                    return NoContent();
                }
            """);
        for (var helper = 0; helper < 8 + random.Next(8); helper++)
            text.AppendLine($$"""

                    private static decimal Compute{{helper}}(IEnumerable<decimal> values, decimal factor)
                    {
                        var total = 0m;
                        foreach (var value in values)
                        {
                            total += value * factor + {{random.Next(100)}};
                            if (total > {{random.Next(1000, 100000)}}) break;
                        }
                        return Math.Round(total, 2);
                    }
                """);
        text.AppendLine($$"""

                private static {{entity}}Dto Map({{entity}} item) => new(item.Id, item.Name, item.Total, item.Status, item.CreatedAt);
            }
            """);
        return text.ToString();
    }

    private static string MinimalApi(string service, string entity, Random random) => $$"""
        using Microsoft.AspNetCore.Http.HttpResults;

        namespace {{service}}.Apis;

        public static class {{entity}}Api
        {
            public static IEndpointRouteBuilder Map{{entity}}Api(this IEndpointRouteBuilder app)
            {
                var api = app.MapGroup("api/v{{1 + random.Next(3)}}/{{entity.ToLowerInvariant()}}s").WithTags("{{entity}}");
                api.MapGet("/", ListAsync);
                api.MapGet("/{id:int}", GetAsync).WithName("Get{{entity}}");
                api.MapPost("/", CreateAsync);
                api.MapDelete("/{id:int}", DeleteAsync);
                return app;
            }

            public static async Task<Ok<PagedResult<{{entity}}Dto>>> ListAsync(int page, int? size, [AsParameters] {{entity}}Services services)
            {
                var items = await services.Repository.ListAsync(page, size ?? 20);
                return TypedResults.Ok(new PagedResult<{{entity}}Dto>(page, items.Count, items));
            }

            public static async Task<Results<Ok<{{entity}}Dto>, NotFound>> GetAsync(int id, [AsParameters] {{entity}}Services services)
            {
                var item = await services.Repository.FindAsync(id);
                return item is null ? TypedResults.NotFound() : TypedResults.Ok(item);
            }

            public static async Task<Created<{{entity}}Dto>> CreateAsync(Create{{entity}}Request request, [AsParameters] {{entity}}Services services)
            {
                var created = await services.Repository.AddAsync(request);
                return TypedResults.Created($"/api/{{entity.ToLowerInvariant()}}s/{created.Id}", created);
            }

            public static async Task<NoContent> DeleteAsync(int id, [AsParameters] {{entity}}Services services)
            {
                await services.Repository.DeleteAsync(id);
                return TypedResults.NoContent();
            }
        }

        """;

    private static string Dtos(string service, string entity, Random random)
    {
        var text = new StringBuilder($$"""
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;

            namespace {{service}}.Model;

            public record {{entity}}Dto(Guid Id, string Name, decimal Total, {{entity}}Status Status, DateTimeOffset CreatedAt);

            public record Create{{entity}}Request([Required] string Name, decimal Total, string? Note = null);

            public record Update{{entity}}Request(string? Name, decimal? Total);

            public enum {{entity}}Status { Draft, Active, Archived }

            public record PagedResult<T>(int Page, int Count, IReadOnlyList<T> Items);

            public class {{entity}}
            {
                public Guid Id { get; set; }
                public required string Name { get; set; }
                public decimal Total { get; set; }
                public {{entity}}Status Status { get; set; }
                public DateTimeOffset CreatedAt { get; set; }

            """);
        for (var field = 0; field < 20 + random.Next(20); field++)
            text.AppendLine($$"""
                    [JsonPropertyName("field_{{field}}")]
                    [StringLength({{10 + random.Next(200)}})]
                    public string? Field{{field}} { get; set; }
                """);
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Client(string service, string entity, Random random) => $$"""
        using System.Net.Http.Json;

        namespace {{service}}.Clients;

        public class {{entity}}Client(HttpClient httpClient)
        {
            private const string BasePath = "/api/{{entity.ToLowerInvariant()}}s";

            public Task<{{entity}}Dto?> GetAsync(int id) => httpClient.GetFromJsonAsync<{{entity}}Dto>($"{BasePath}/{id}");

            public async Task<{{entity}}Dto?> CreateAsync(Create{{entity}}Request request)
            {
                var response = await httpClient.PostAsJsonAsync(BasePath, request);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<{{entity}}Dto>();
            }

            public async Task DeleteAsync(int id)
            {
                var response = await httpClient.DeleteAsync(BasePath + "/" + id);
                response.EnsureSuccessStatusCode();
            }

            public async Task<IReadOnlyList<{{entity}}Dto>> SearchAsync(string query, int page)
            {
                var url = string.Format("{0}?q={1}&page={2}&seed={{random.Next(1000)}}", BasePath, Uri.EscapeDataString(query), page);
                return await httpClient.GetFromJsonAsync<List<{{entity}}Dto>>(url) ?? [];
            }
        }

        """;
}
