namespace Mesh.Engine.Diff.Rules;

/// <summary>An operation no longer takes a request body: clients that send one may be refused.</summary>
public sealed class RequestBodyRemoved : IEndpointRule
{
    public const string Id = "request-body-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } = [new(Id, ChangeLevel.Err)];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is { Base.Fact.RequestBody: not null, Head.Fact: { RequestBody: null } })
            sink.Report(Id, pair, "request body", $"the request body of {pair.Method} {pair.Path} was removed");
    }
}
