namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A request or response body property became deprecated, or stopped being deprecated. With a deprecation policy for
/// the operation's stability level, the deprecation must declare a sunset date (<c>x-sunset</c> on the property) at
/// least that many days ahead; without one, a deprecation is news only.
/// </summary>
public sealed class PropertyDeprecated : ISchemaRule
{
    private static readonly string[] Prefixes = ["request-property", "response-property"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("deprecated", ChangeLevel.Info, Prefixes),
        .. SiteIds.Each("deprecated-with-sunset", ChangeLevel.Info, Prefixes),
        .. SiteIds.Each("deprecated-sunset-missing", ChangeLevel.Err, Prefixes),
        .. SiteIds.Each("deprecated-sunset-invalid", ChangeLevel.Err, Prefixes),
        .. SiteIds.Each("sunset-date-too-small", ChangeLevel.Err, Prefixes),
        .. SiteIds.Each("reactivated", ChangeLevel.Info, Prefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.Deprecated == pair.Head.Deprecated || pair.Site.Part != SchemaPart.Property || pair.Site.PropertyName is null) return;
        var what = Sites.Describe(pair.Site);
        if (!pair.Head.Deprecated)
        {
            Report(pair, sink, "reactivated", $"{what} is no longer deprecated");
            return;
        }
        if (!StabilityLevels.TryParse(pair.Endpoint.Head!.Fact.Stability, out var stability)) return; // an invalid level is reported on its own
        var days = sink.Options.DeprecationDays(stability);
        var sunsetText = pair.Head.Sunset;
        if (sunsetText is null)
        {
            if (days > 0)
                Report(pair, sink, "deprecated-sunset-missing",
                    $"{what} was deprecated without a sunset date (x-sunset); the policy for {stability.Name()} operations asks for one at least {days} days ahead");
            else
                Report(pair, sink, "deprecated", $"{what} was deprecated");
            return;
        }
        if (!SunsetDate.TryParse(sunsetText, out var sunset))
        {
            Report(pair, sink, "deprecated-sunset-invalid", $"{what} was deprecated with a sunset date '{sunsetText}' that is not a date", sunsetText);
            return;
        }
        var earliest = sink.Options.Today.AddDays(days);
        if (sunset < earliest)
            Report(pair, sink, "sunset-date-too-small",
                $"{what} was deprecated with sunset date {sunset:yyyy-MM-dd}, sooner than the {days} days the policy for {stability.Name()} operations asks (not before {earliest:yyyy-MM-dd})", sunsetText);
        else
            Report(pair, sink, "deprecated-with-sunset", $"{what} was deprecated, with sunset date {sunset:yyyy-MM-dd}", sunsetText);
    }

    private void Report(SchemaPair pair, ChangeSink sink, string suffix, string message, string? sunset = null)
    {
        if (_ids.For(pair.Site, suffix) is { } id) sink.Report(id, pair, message, after: sunset);
    }
}
