using Mesh.Engine;
using Mesh.Engine.Indexing;
using Mesh.Engine.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mesh.McpServer.Graph;

/// <summary>
/// The service-graph page and its JSON API, for an HTTP host that has a <see cref="WorkspaceIndex"/> in DI:
/// <c>GET /</c> the page; <c>GET /api/graph[?base=REF]</c> the <see cref="ServiceMap"/>;
/// <c>GET /api/repos/{repo}/endpoints[?base=REF]</c> a repo's <see cref="ServiceDetail"/>. All read-only.
/// </summary>
public static class ServiceGraphEndpoints
{
    public static IEndpointRouteBuilder MapServiceGraph(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(GraphPage.Served(), "text/html; charset=utf-8"));
        app.MapGet("/api/graph", (HttpContext http, string? @base) =>
            Answer(Index(http), @base is null, index => ServiceMapQuery.Open(index, @base, cancellationToken: http.RequestAborted).Map()));
        app.MapGet("/api/repos/{repo}/endpoints", (HttpContext http, string repo, string? @base) =>
            Answer(Index(http), @base is null, index => ServiceMapQuery.Open(index, @base, [repo], http.RequestAborted).Detail(repo)));
        return app;
    }

    private static WorkspaceIndex Index(HttpContext http) => http.RequestServices.GetRequiredService<WorkspaceIndex>();

    /// <summary>
    /// Runs a query and answers JSON; a query of the store alone (<paramref name="whole"/>) runs over one published index, so
    /// a re-index does not land halfway through it. With a base it parses revisions, and holds the index only while its
    /// diffs read consumers (a writer waiting on a long hold would stall every other reader).
    /// </summary>
    private static IResult Answer<T>(WorkspaceIndex index, bool whole, Func<WorkspaceIndex, T> query)
    {
        try
        {
            using var reading = whole ? index.Reading() : null;
            return Results.Json(query(index), MeshJson.Options);
        }
        catch (UnknownRepoException e)
        {
            return Results.Json(new { error = e.Message }, MeshJson.Options, statusCode: StatusCodes.Status404NotFound);
        }
        catch (MeshException e)
        {
            return Results.Json(new { error = e.Message }, MeshJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
