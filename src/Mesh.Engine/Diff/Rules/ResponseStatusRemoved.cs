namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An operation no longer declares a response status. A success status that clients were handling is gone
/// (breaking); a removed error status is news.
/// </summary>
public sealed class ResponseStatusRemoved : IEndpointRule
{
    public const string SuccessRemoved = "response-success-status-removed";
    public const string NonSuccessRemoved = "response-non-success-status-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(SuccessRemoved, ChangeLevel.Err),
        new(NonSuccessRemoved, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var response in before.Responses.Where(r => !after.Responses.Any(a => a.Status == r.Status)))
            sink.Report(IsSuccess(response.Status) ? SuccessRemoved : NonSuccessRemoved, pair, $"response {response.Status}",
                $"{pair.Method} {pair.Path} no longer returns status {response.Status}", response.Status);
    }

    /// <summary>2xx, written as a code (<c>201</c>) or a range (<c>2XX</c>).</summary>
    public static bool IsSuccess(string status) => status.Length == 3 && status[0] == '2';
}
