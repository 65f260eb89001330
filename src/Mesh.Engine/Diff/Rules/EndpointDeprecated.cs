namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An operation became deprecated, or stopped being deprecated. With a deprecation policy (days between deprecating
/// and removing, per stability level), a deprecation must declare a sunset date (<c>x-sunset</c>) at least that far away.
/// Draft and alpha operations need no sunset.
/// </summary>
public sealed class EndpointDeprecated : IEndpointRule
{
    public const string Deprecated = "endpoint-deprecated";
    public const string DeprecatedWithSunset = "endpoint-deprecated-with-sunset";
    public const string Reactivated = "endpoint-reactivated";
    public const string SunsetMissing = "api-deprecated-sunset-missing";
    public const string SunsetParse = "api-deprecated-sunset-parse";
    public const string SunsetTooSmall = "api-sunset-date-too-small";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Deprecated, ChangeLevel.Info),
        new(DeprecatedWithSunset, ChangeLevel.Info),
        new(Reactivated, ChangeLevel.Info),
        new(SunsetMissing, ChangeLevel.Err),
        new(SunsetParse, ChangeLevel.Err),
        new(SunsetTooSmall, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base: { } before, Head: { } after } || before.Fact.Deprecated == after.Fact.Deprecated) return;
        var operation = $"{pair.Method} {pair.Path}";
        if (!after.Fact.Deprecated)
        {
            sink.Report(Reactivated, pair, "operation", $"{operation} is no longer deprecated");
            return;
        }
        // An invalid stability level is reported on its own; without a level there is no policy to check.
        if (!StabilityLevels.TryParse(after.Fact.Stability, out var stability)) return;
        var days = sink.Options.DeprecationDays(stability);
        var sunsetText = after.Fact.Sunset;
        if (sunsetText is null)
        {
            if (days > 0)
                sink.Report(SunsetMissing, pair, "operation",
                    $"{operation} was deprecated without a sunset date (x-sunset); the policy for {stability.Name()} operations asks for one at least {days} days ahead");
            else
                sink.Report(Deprecated, pair, "operation", $"{operation} was deprecated");
            return;
        }
        if (!SunsetDate.TryParse(sunsetText, out var sunset))
        {
            sink.Report(SunsetParse, pair, "operation", $"{operation} was deprecated with a sunset date '{sunsetText}' that is not a date", after: sunsetText);
            return;
        }
        var earliest = sink.Options.Today.AddDays(days);
        if (days > 0 && sunset < earliest)
            sink.Report(SunsetTooSmall, pair, "operation",
                $"{operation} was deprecated with sunset date {sunset:yyyy-MM-dd}, sooner than the {days} days the policy for {stability.Name()} operations asks (not before {earliest:yyyy-MM-dd})", after: sunsetText);
        else
            sink.Report(DeprecatedWithSunset, pair, "operation", $"{operation} was deprecated, with sunset date {sunset:yyyy-MM-dd}", after: sunsetText);
    }
}
