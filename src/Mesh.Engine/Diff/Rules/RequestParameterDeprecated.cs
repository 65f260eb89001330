namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A parameter became deprecated, or stopped being deprecated. With a deprecation policy for the operation's
/// stability level, a deprecation must declare a sunset date (<c>x-sunset</c> on the parameter) at least that far away.
/// </summary>
public sealed class RequestParameterDeprecated : IEndpointRule
{
    public const string Deprecated = "request-parameter-deprecated";
    public const string Reactivated = "request-parameter-reactivated";
    public const string SunsetMissing = "request-parameter-deprecated-sunset-missing";
    public const string SunsetParse = RequestParameterRemoved.SunsetParse;
    public const string SunsetTooSmall = "request-parameter-sunset-date-too-small";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Deprecated, ChangeLevel.Info),
        new(Reactivated, ChangeLevel.Info),
        new(SunsetMissing, ChangeLevel.Err),
        new(SunsetParse, ChangeLevel.Err),
        new(SunsetTooSmall, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        if (!StabilityLevels.TryParse(after.Stability, out var stability)) stability = StabilityLevel.Stable;
        var days = sink.Options.DeprecationDays(stability);
        foreach (var (b, h) in ParameterPairs.Matched(before, after))
        {
            if (b.Deprecated == h.Deprecated) continue;
            var what = $"{h.Label()} of {pair.Method} {pair.Path}";
            if (!h.Deprecated)
            {
                sink.Report(Reactivated, pair, h.Location(), $"{what} is no longer deprecated");
                continue;
            }
            if (h.Sunset is null)
            {
                if (days > 0)
                    sink.Report(SunsetMissing, pair, h.Location(),
                        $"{what} was deprecated without a sunset date (x-sunset); the policy for {stability.Name()} operations asks for one at least {days} days ahead");
                else
                    sink.Report(Deprecated, pair, h.Location(), $"{what} was deprecated");
                continue;
            }
            if (!SunsetDate.TryParse(h.Sunset, out var sunset))
            {
                sink.Report(SunsetParse, pair, h.Location(), $"{what} was deprecated with a sunset date '{h.Sunset}' that is not a date", after: h.Sunset);
                continue;
            }
            var earliest = sink.Options.Today.AddDays(days);
            if (days > 0 && sunset < earliest)
                sink.Report(SunsetTooSmall, pair, h.Location(),
                    $"{what} was deprecated with sunset date {sunset:yyyy-MM-dd}, sooner than the {days} days the policy for {stability.Name()} operations asks (not before {earliest:yyyy-MM-dd})", after: h.Sunset);
            else
                sink.Report(Deprecated, pair, h.Location(), $"{what} was deprecated, with sunset date {sunset:yyyy-MM-dd}", after: h.Sunset);
        }
    }
}
