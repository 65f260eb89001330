namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A response no longer declares a header. Clients reading a required header break; an optional one they had to
/// cope without already, but may still rely on (potentially breaking).
/// </summary>
public sealed class ResponseHeaderRemoved : IEndpointRule
{
    public const string RequiredRemoved = "required-response-header-removed";
    public const string OptionalRemoved = "optional-response-header-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(RequiredRemoved, ChangeLevel.Err),
        new(OptionalRemoved, ChangeLevel.Warn),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        foreach (var (status, header, _) in ResponseHeaders.Pairs(pair).Where(h => h.After is null))
            sink.Report(header.Required ? RequiredRemoved : OptionalRemoved, pair, $"response {status} header {header.Name}",
                $"{(header.Required ? "required" : "optional")} header '{header.Name}' of response {status} of {pair.Method} {pair.Path} was removed", header.Name);
    }
}
