namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// The default value of a parameter changed, appeared or went away. Clients that leave the parameter out now get
/// different behaviour from the server than they were built for.
/// </summary>
public sealed class RequestParameterDefaultValueChanged : IEndpointRule
{
    public const string Added = "request-parameter-default-value-added";
    public const string Changed = "request-parameter-default-value-changed";
    public const string Removed = "request-parameter-default-value-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Err),
        new(Changed, ChangeLevel.Err),
        new(Removed, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base: { } before, Head: { } after }) return;
        foreach (var (b, h) in ParameterPairs.Matched(before.Fact, after.Fact))
        {
            var (from, to) = (before.Resolve(b.Schema)?.Default, after.Resolve(h.Schema)?.Default);
            if (from == to) continue;
            var what = $"{h.Label()} of {pair.Method} {pair.Path}";
            if (from is null)
                sink.Report(Added, pair, h.Location(), $"{what} got default value {to}", after: to);
            else if (to is null)
                sink.Report(Removed, pair, h.Location(), $"default value {from} of {what} was removed", from);
            else
                sink.Report(Changed, pair, h.Location(), $"default value of {what} changed from {from} to {to}", from, to);
        }
    }
}
