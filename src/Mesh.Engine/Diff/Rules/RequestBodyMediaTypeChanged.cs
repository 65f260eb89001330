namespace Mesh.Engine.Diff.Rules;

/// <summary>A request body media type was removed (clients sending it are refused) or added.</summary>
public sealed class RequestBodyMediaTypeChanged : IEndpointRule
{
    public const string Added = "request-body-media-type-added";
    public const string Removed = "request-body-media-type-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Info),
        new(Removed, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact.RequestBody: { } before, Head.Fact.RequestBody: { } after }) return;
        foreach (var type in before.ContentTypes.Except(after.ContentTypes, StringComparer.OrdinalIgnoreCase))
            sink.Report(Removed, pair, $"request body {type}", $"{pair.Method} {pair.Path} no longer accepts a request body of media type {type}", type);
        foreach (var type in after.ContentTypes.Except(before.ContentTypes, StringComparer.OrdinalIgnoreCase))
            sink.Report(Added, pair, $"request body {type}", $"{pair.Method} {pair.Path} now accepts a request body of media type {type}", after: type);
    }
}
