namespace Mesh.Engine.Diff;

/// <summary>Collects what rules report, with each id's level from the catalog, filtered by the options.</summary>
public sealed class ChangeSink(DiffOptions options)
{
    private readonly List<Change> _changes = [];

    public DiffOptions Options => options;

    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>Reports <paramref name="rule"/> at an operation (location: where in it, e.g. <c>query parameter limit</c>).</summary>
    public void Report(string rule, EndpointPair endpoint, string location, string message, string? before = null, string? after = null)
    {
        if (options.OnlyRules is { } only && !only.Contains(rule)) return;
        var level = DiffRules.LevelOf(rule);
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

    /// <summary>Reports <paramref name="rule"/> at a schema site.</summary>
    public void Report(string rule, SchemaPair pair, string message, string? before = null, string? after = null) =>
        Report(rule, pair.Endpoint, pair.Site.Location, message, before, after);
}
