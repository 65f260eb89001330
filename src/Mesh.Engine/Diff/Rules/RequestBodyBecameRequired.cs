namespace Mesh.Engine.Diff.Rules;

/// <summary>A request body became required (clients that send none now fail) or optional.</summary>
public sealed class RequestBodyBecameRequired : IEndpointRule
{
    public const string BecameRequired = "request-body-became-required";
    public const string BecameOptional = "request-body-became-optional";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(BecameRequired, ChangeLevel.Err),
        new(BecameOptional, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact.RequestBody: { } before, Head.Fact.RequestBody: { } after } || before.Required == after.Required) return;
        sink.Report(after.Required ? BecameRequired : BecameOptional, pair, "request body",
            $"the request body of {pair.Method} {pair.Path} became {(after.Required ? "required" : "optional")}",
            before.Required ? "required" : "optional", after.Required ? "required" : "optional");
    }
}
