namespace Mesh.Engine.Diff.Rules;

/// <summary>A response header became optional (clients reading it may not get it) or required.</summary>
public sealed class ResponseHeaderBecameOptional : IEndpointRule
{
    public const string BecameOptional = "response-header-became-optional";
    public const string BecameRequired = "response-header-became-required";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(BecameOptional, ChangeLevel.Err),
        new(BecameRequired, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        foreach (var (status, before, after) in ResponseHeaders.Pairs(pair))
        {
            if (after is null || before.Required == after.Required) continue;
            sink.Report(after.Required ? BecameRequired : BecameOptional, pair, $"response {status} header {after.Name}",
                $"header '{after.Name}' of response {status} of {pair.Method} {pair.Path} became {(after.Required ? "required" : "optional")}",
                before.Required ? "required" : "optional", after.Required ? "required" : "optional");
        }
    }
}
