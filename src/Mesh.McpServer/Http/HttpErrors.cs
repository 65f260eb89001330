using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mesh.McpServer.Http;

/// <summary>Every error the HTTP host writes itself: a status and a small JSON body, never a stack trace.</summary>
public static class HttpErrors
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new ErrorBody(message), HttpJson.Options));
    }

    private sealed record ErrorBody(string Error);
}

/// <summary>JSON written by the HTTP host's own endpoints (camelCase, compact).</summary>
public static class HttpJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
