namespace Mesh.Engine.Diff.Rules;

/// <summary>An operation declares a new response status; clients may meet a status they do not handle.</summary>
public sealed class ResponseStatusAdded : IEndpointRule
{
    public const string SuccessAdded = "response-success-status-added";
    public const string NonSuccessAdded = "response-non-success-status-added";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(SuccessAdded, ChangeLevel.Info),
        new(NonSuccessAdded, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var response in after.Responses.Where(r => !before.Responses.Any(b => b.Status == r.Status)))
            sink.Report(ResponseStatusRemoved.IsSuccess(response.Status) ? SuccessAdded : NonSuccessAdded, pair, $"response {response.Status}",
                $"{pair.Method} {pair.Path} may now return status {response.Status}", after: response.Status);
    }
}
