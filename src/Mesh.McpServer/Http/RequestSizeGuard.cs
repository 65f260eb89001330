using Microsoft.AspNetCore.Http;

namespace Mesh.McpServer.Http;

/// <summary>
/// Refuses a body declared larger than the limit with 413 before anything reads it; bodies without a length
/// (chunked) are cut by Kestrel's own limit while they are read.
/// </summary>
public sealed class RequestSizeGuard(RequestDelegate next, long maxBytes)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length && length > maxBytes)
            return HttpErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"the request body has {length} bytes; the limit is {maxBytes}");
        return next(context);
    }
}
