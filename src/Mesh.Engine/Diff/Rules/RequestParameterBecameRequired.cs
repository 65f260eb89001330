namespace Mesh.Engine.Diff.Rules;

/// <summary>A parameter became required (clients that leave it out now fail) or optional.</summary>
public sealed class RequestParameterBecameRequired : IEndpointRule
{
    public const string BecameRequired = "request-parameter-became-required";
    public const string BecameOptional = "request-parameter-became-optional";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(BecameRequired, ChangeLevel.Err),
        new(BecameOptional, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var (b, h) in ParameterPairs.Matched(before, after))
        {
            if (b.Required == h.Required) continue;
            sink.Report(h.Required ? BecameRequired : BecameOptional, pair, h.Location(),
                $"{h.Label()} of {pair.Method} {pair.Path} became {(h.Required ? "required" : "optional")}",
                b.Required ? "required" : "optional", h.Required ? "required" : "optional");
        }
    }
}
