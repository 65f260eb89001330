namespace Mesh.Engine.Diff.Rules;

/// <summary>A response declares a new header.</summary>
public sealed class ResponseHeaderAdded : IEndpointRule
{
    public const string Id = "response-header-added";

    public IReadOnlyList<RuleInfo> Ids { get; } = [new(Id, ChangeLevel.Info)];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var responseAfter in after.Responses)
        {
            if (before.Responses.FirstOrDefault(r => r.Status == responseAfter.Status) is not { } responseBefore) continue;
            foreach (var header in responseAfter.Headers ?? [])
            {
                if (responseBefore.Headers?.Any(h => ResponseHeaders.SameName(h.Name, header.Name)) == true) continue;
                sink.Report(Id, pair, $"response {responseAfter.Status} header {header.Name}",
                    $"response {responseAfter.Status} of {pair.Method} {pair.Path} has a new {(header.Required ? "required" : "optional")} header '{header.Name}'", after: header.Name);
            }
        }
    }
}
