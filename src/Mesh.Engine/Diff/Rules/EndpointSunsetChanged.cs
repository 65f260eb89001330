namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// The sunset date of an operation that stays deprecated changed. Clients planned for the declared date: deleting it,
/// or moving it earlier than the deprecation policy allows from today, breaks that plan.
/// </summary>
public sealed class EndpointSunsetChanged : IEndpointRule
{
    public const string SunsetDeleted = "sunset-deleted";
    public const string SunsetDateChangedTooSmall = "api-sunset-date-changed-too-small";
    public const string SunsetParse = EndpointRemoved.PathSunsetParse;

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(SunsetDeleted, ChangeLevel.Err),
        new(SunsetDateChangedTooSmall, ChangeLevel.Err),
        new(SunsetParse, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { Deprecated: true } before, Head.Fact: { Deprecated: true } after }) return;
        var (from, to) = (before.Sunset, after.Sunset);
        if (from == to || from is null) return;
        var operation = $"{pair.Method} {pair.Path}";
        if (to is null)
        {
            sink.Report(SunsetDeleted, pair, "operation", $"the sunset date {from} of deprecated {operation} was deleted", from);
            return;
        }
        var validBefore = SunsetDate.TryParse(from, out var sunsetBefore);
        if (!validBefore || !SunsetDate.TryParse(to, out var sunsetAfter))
        {
            sink.Report(SunsetParse, pair, "operation", $"the sunset date of deprecated {operation} changed from {from} to {to}, and '{(validBefore ? to : from)}' is not a date", from, to);
            return;
        }
        if (sunsetAfter >= sunsetBefore || !StabilityLevels.TryParse(after.Stability, out var stability)) return;
        var days = sink.Options.DeprecationDays(stability);
        var earliest = sink.Options.Today.AddDays(days);
        if (sunsetAfter < earliest)
            sink.Report(SunsetDateChangedTooSmall, pair, "operation",
                $"the sunset date of deprecated {operation} moved earlier, from {sunsetBefore:yyyy-MM-dd} to {sunsetAfter:yyyy-MM-dd}, sooner than " +
                (days > 0 ? $"the {days} days the policy for {stability.Name()} operations asks (not before {earliest:yyyy-MM-dd})" : "today"), from, to);
    }
}
