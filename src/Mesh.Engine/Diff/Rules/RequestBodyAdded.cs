namespace Mesh.Engine.Diff.Rules;

/// <summary>An operation takes a request body it did not before: breaking when the body is required.</summary>
public sealed class RequestBodyAdded : IEndpointRule
{
    public const string AddedRequired = "request-body-added-required";
    public const string AddedOptional = "request-body-added-optional";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(AddedRequired, ChangeLevel.Err),
        new(AddedOptional, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact.RequestBody: null, Head.Fact.RequestBody: { } body }) return;
        if (body.Required)
            sink.Report(AddedRequired, pair, "request body", $"{pair.Method} {pair.Path} now requires a request body");
        else
            sink.Report(AddedOptional, pair, "request body", $"{pair.Method} {pair.Path} now accepts an optional request body");
    }
}
