namespace Mesh.Engine.Diff.Rules;

/// <summary>A new operation: nothing breaks, but consumers may want to know.</summary>
public sealed class EndpointAdded : IEndpointRule
{
    public const string Id = "endpoint-added";

    public IReadOnlyList<RuleInfo> Ids { get; } = [new(Id, ChangeLevel.Info)];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair.Added) sink.Report(Id, pair, "operation", $"{pair.Method} {pair.Path} was added");
    }
}
