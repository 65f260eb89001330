namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A parameter is gone. Clients that still send it are usually ignored, but a client counting on what it did may be
/// wrong now (potentially breaking). A deprecated parameter may go once its sunset date has passed.
/// </summary>
public sealed class RequestParameterRemoved : IEndpointRule
{
    public const string Removed = "request-parameter-removed";
    public const string RemovedWithDeprecation = "request-parameter-removed-with-deprecation";
    public const string RemovedBeforeSunset = "request-parameter-removed-before-sunset";
    public const string SunsetParse = "request-parameter-sunset-parse";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Removed, ChangeLevel.Warn),
        new(RemovedWithDeprecation, ChangeLevel.Info),
        new(RemovedBeforeSunset, ChangeLevel.Err),
        new(SunsetParse, ChangeLevel.Err),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base.Fact: { } before, Head.Fact: { } after }) return;
        foreach (var parameter in ParameterPairs.Removed(before, after))
        {
            var what = $"{parameter.Label()} of {pair.Method} {pair.Path}";
            if (!parameter.Deprecated)
                sink.Report(Removed, pair, parameter.Location(), $"{what} was removed without being deprecated first");
            else if (parameter.Sunset is null)
                sink.Report(RemovedWithDeprecation, pair, parameter.Location(), $"deprecated {what} was removed");
            else if (!SunsetDate.TryParse(parameter.Sunset, out var sunset))
                sink.Report(SunsetParse, pair, parameter.Location(), $"deprecated {what} was removed, and its sunset date '{parameter.Sunset}' is not a date", parameter.Sunset);
            else if (sink.Options.Today < sunset)
                sink.Report(RemovedBeforeSunset, pair, parameter.Location(), $"{what} was removed before its sunset date {sunset:yyyy-MM-dd}", parameter.Sunset);
            else
                sink.Report(RemovedWithDeprecation, pair, parameter.Location(), $"deprecated {what} was removed after its sunset date {sunset:yyyy-MM-dd}", parameter.Sunset);
        }
    }
}
