namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An operation (or its whole path) is gone. Breaking unless it was deprecated first, and even then breaking
/// while its declared sunset date is still ahead. A deprecated draft or alpha operation may go at any time.
/// </summary>
public sealed class EndpointRemoved : IEndpointRule
{
    public const string PathRemovedWithoutDeprecation = "api-path-removed-without-deprecation";
    public const string PathRemovedWithDeprecation = "api-path-removed-with-deprecation";
    public const string PathRemovedBeforeSunset = "api-path-removed-before-sunset";
    public const string PathSunsetParse = "api-path-sunset-parse";
    public const string RemovedWithoutDeprecation = "api-removed-without-deprecation";
    public const string RemovedWithDeprecation = "api-removed-with-deprecation";
    public const string RemovedBeforeSunset = "api-removed-before-sunset";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(PathRemovedWithoutDeprecation, ChangeLevel.Err),
        new(PathRemovedWithDeprecation, ChangeLevel.Info),
        new(PathRemovedBeforeSunset, ChangeLevel.Err),
        new(PathSunsetParse, ChangeLevel.Err),
        new(RemovedWithoutDeprecation, ChangeLevel.Err),
        new(RemovedWithDeprecation, ChangeLevel.Info),
        new(RemovedBeforeSunset, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (!pair.Removed) return;
        var removed = pair.Base!.Fact;
        var what = pair.PathGone ? $"path {pair.Path}" : $"{pair.Method} {pair.Path}";
        var location = pair.PathGone ? "path" : "operation";
        if (!removed.Deprecated)
        {
            sink.Report(pair.PathGone ? PathRemovedWithoutDeprecation : RemovedWithoutDeprecation, pair, location,
                $"{what} was removed without being deprecated first");
            return;
        }
        var promised = !StabilityLevels.TryParse(removed.Stability, out var stability) || stability.PromisesCompatibility();
        if (removed.Sunset is null || !promised)
        {
            sink.Report(pair.PathGone ? PathRemovedWithDeprecation : RemovedWithDeprecation, pair, location, $"deprecated {what} was removed");
            return;
        }
        if (!SunsetDate.TryParse(removed.Sunset, out var sunset))
        {
            sink.Report(PathSunsetParse, pair, location, $"deprecated {what} was removed, and its sunset date '{removed.Sunset}' is not a date", removed.Sunset);
            return;
        }
        if (sink.Options.Today < sunset)
            sink.Report(pair.PathGone ? PathRemovedBeforeSunset : RemovedBeforeSunset, pair, location,
                $"{what} was removed before its sunset date {sunset:yyyy-MM-dd}", removed.Sunset);
        else
            sink.Report(pair.PathGone ? PathRemovedWithDeprecation : RemovedWithDeprecation, pair, location,
                $"deprecated {what} was removed after its sunset date {sunset:yyyy-MM-dd}", removed.Sunset);
    }
}
