namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A response status no longer comes in a media type (clients asking for it are refused), or comes in a new one; a
/// media type renamed to a related one is <see cref="ResponseMediaTypeNameChanged"/>'s.
/// </summary>
public sealed class ResponseMediaTypeChanged : IEndpointRule
{
    public const string Added = "response-media-type-added";
    public const string Removed = "response-media-type-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Info),
        new(Removed, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var responseBefore in before.Responses)
        {
            if (after.Responses.FirstOrDefault(r => r.Status == responseBefore.Status) is not { } responseAfter) continue;
            var status = responseBefore.Status;
            var renamed = ResponseMediaTypeNameChanged.Renamed(responseBefore.ContentTypes, responseAfter.ContentTypes);
            foreach (var type in responseBefore.ContentTypes.Except(responseAfter.ContentTypes, StringComparer.OrdinalIgnoreCase).Except(renamed.Select(r => r.From)))
                sink.Report(Removed, pair, $"response {status} {type}", $"response {status} of {pair.Method} {pair.Path} no longer comes as media type {type}", type);
            foreach (var type in responseAfter.ContentTypes.Except(responseBefore.ContentTypes, StringComparer.OrdinalIgnoreCase).Except(renamed.Select(r => r.To)))
                sink.Report(Added, pair, $"response {status} {type}", $"response {status} of {pair.Method} {pair.Path} may now come as media type {type}", after: type);
        }
    }
}
