using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A body media type present at base and head gained or lost its schema. A request body that accepted anything now
/// requires a shape (breaking); a response that promised a shape no longer does (readers may break); the other two
/// directions are news.
/// </summary>
public sealed class MediaTypeSchemaAddedOrRemoved : IEndpointRule
{
    public const string RequestAdded = "request-body-media-type-schema-added";
    public const string RequestRemoved = "request-body-media-type-schema-removed";
    public const string ResponseAdded = "response-body-media-type-schema-added";
    public const string ResponseRemoved = "response-body-media-type-schema-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(RequestAdded, ChangeLevel.Err),
        new(RequestRemoved, ChangeLevel.Info),
        new(ResponseAdded, ChangeLevel.Info),
        new(ResponseRemoved, ChangeLevel.Warn),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        if (before.RequestBody is { } bodyBefore && after.RequestBody is { } bodyAfter
            && SameMediaType(bodyBefore.ContentTypes, bodyAfter.ContentTypes) is { } type
            && (bodyBefore.Schema is null) != (bodyAfter.Schema is null))
        {
            if (bodyAfter.Schema is not null)
                sink.Report(RequestAdded, pair, $"request body {type}", $"request body {type} of {pair.Method} {pair.Path} now has a schema it must match", after: SchemaText.Of(bodyAfter.Schema));
            else
                sink.Report(RequestRemoved, pair, $"request body {type}", $"request body {type} of {pair.Method} {pair.Path} no longer has a schema", SchemaText.Of(bodyBefore.Schema));
        }
        foreach (var responseBefore in before.Responses)
        {
            if (after.Responses.FirstOrDefault(r => r.Status == responseBefore.Status) is not { } responseAfter) continue;
            if (SameMediaType(responseBefore.ContentTypes, responseAfter.ContentTypes) is not { } media || (responseBefore.Schema is null) == (responseAfter.Schema is null)) continue;
            var status = responseBefore.Status;
            if (responseAfter.Schema is not null)
                sink.Report(ResponseAdded, pair, $"response {status} {media}", $"response {status} {media} of {pair.Method} {pair.Path} now has a schema", after: SchemaText.Of(responseAfter.Schema));
            else
                sink.Report(ResponseRemoved, pair, $"response {status} {media}", $"response {status} {media} of {pair.Method} {pair.Path} no longer has a schema: readers get no promised shape", SchemaText.Of(responseBefore.Schema));
        }
    }

    /// <summary>The media type the body's one schema describes, when it is the same at base and head.</summary>
    private static string? SameMediaType(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        MediaTypes.Primary(before) is { } b && MediaTypes.Primary(after) is { } a && string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ? a : null;
}
