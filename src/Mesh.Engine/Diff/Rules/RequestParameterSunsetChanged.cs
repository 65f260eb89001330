namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// The sunset date of a parameter that stays deprecated changed. Clients planned for the declared date: deleting it,
/// or moving it earlier than the deprecation policy allows from today, breaks that plan.
/// </summary>
public sealed class RequestParameterSunsetChanged : IEndpointRule
{
    public const string SunsetDeleted = "request-parameter-sunset-deleted";
    public const string SunsetDateChangedTooSmall = "request-parameter-sunset-date-changed-too-small";
    public const string SunsetParse = RequestParameterRemoved.SunsetParse;

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(SunsetDeleted, ChangeLevel.Err),
        new(SunsetDateChangedTooSmall, ChangeLevel.Err),
        new(SunsetParse, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        if (!StabilityLevels.TryParse(after.Stability, out var stability)) stability = StabilityLevel.Stable;
        var days = sink.Options.DeprecationDays(stability);
        foreach (var (b, h) in ParameterPairs.Matched(before, after))
        {
            if (!b.Deprecated || !h.Deprecated || b.Sunset == h.Sunset || b.Sunset is null) continue;
            var what = $"deprecated {h.Label()} of {pair.Method} {pair.Path}";
            if (h.Sunset is null)
            {
                sink.Report(SunsetDeleted, pair, h.Location(), $"the sunset date {b.Sunset} of {what} was deleted", b.Sunset);
                continue;
            }
            var validBefore = SunsetDate.TryParse(b.Sunset, out var sunsetBefore);
            if (!validBefore || !SunsetDate.TryParse(h.Sunset, out var sunsetAfter))
            {
                sink.Report(SunsetParse, pair, h.Location(), $"the sunset date of {what} changed from {b.Sunset} to {h.Sunset}, and '{(validBefore ? h.Sunset : b.Sunset)}' is not a date", b.Sunset, h.Sunset);
                continue;
            }
            var earliest = sink.Options.Today.AddDays(days);
            if (sunsetAfter < sunsetBefore && sunsetAfter < earliest)
                sink.Report(SunsetDateChangedTooSmall, pair, h.Location(),
                    $"the sunset date of {what} moved earlier, from {sunsetBefore:yyyy-MM-dd} to {sunsetAfter:yyyy-MM-dd}, sooner than " +
                    (days > 0 ? $"the {days} days the policy for {stability.Name()} operations asks (not before {earliest:yyyy-MM-dd})" : "today"), b.Sunset, h.Sunset);
        }
    }
}
