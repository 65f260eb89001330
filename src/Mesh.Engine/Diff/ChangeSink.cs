using Mesh.Engine.Diff.Rules;

namespace Mesh.Engine.Diff;

/// <summary>Collects what rules report, with each id's level from the catalog, filtered by the options.</summary>
public sealed class ChangeSink(DiffOptions options)
{
    private readonly List<Change> _changes = [];

    public DiffOptions Options => options;

    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>
    /// Reports <paramref name="rule"/> at an operation (location: where in it, e.g. <c>query parameter limit</c>).
    /// An operation that was draft or alpha at base promised nothing, so what would break its clients is only news there.
    /// </summary>
    public void Report(string rule, EndpointPair endpoint, string location, string message, string? before = null, string? after = null)
    {
        if (options.OnlyRules is { } only && !only.Contains(rule)) return;
        var level = DiffRules.LevelOf(rule);
        var stability = Stability(endpoint);
        if (stability < options.MinStability) return;
        if (level > ChangeLevel.Info && endpoint is { Base: not null, Head: not null } && !stability.PromisesCompatibility() && !StabilityLevelChanged.IsStabilityRule(rule))
        {
            level = ChangeLevel.Info;
            message += $" (the operation is {stability.Name()}: no compatibility promised)";
        }
        if (level < options.MinLevel) return;
        var side = endpoint.Head ?? endpoint.Base!;
        _changes.Add(new Change(rule, level, endpoint.Method, endpoint.Path, location, message)
        {
            Before = before,
            After = after,
            EndpointId = side.Endpoint.Id,
            File = side.Endpoint.File,
            Line = side.Endpoint.Line,
        });
    }

    /// <summary>The operation's declared stability at base (head when added); an invalid declaration counts as stable.</summary>
    private static StabilityLevel Stability(EndpointPair endpoint) =>
        StabilityLevels.TryParse((endpoint.Base ?? endpoint.Head)!.Fact.Stability, out var level) ? level : StabilityLevel.Stable;

    /// <summary>Reports <paramref name="rule"/> at a schema site.</summary>
    public void Report(string rule, SchemaPair pair, string message, string? before = null, string? after = null) =>
        Report(rule, pair.Endpoint, pair.Site.Location, message, before, after);
}
