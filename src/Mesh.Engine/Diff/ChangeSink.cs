using Mesh.Engine.Diff.Rules;

namespace Mesh.Engine.Diff;

/// <summary>Collects what rules report, with each id's level from the catalog, filtered by the options.</summary>
public sealed class ChangeSink(DiffOptions options)
{
    private readonly List<Change> _changes = [];

    public DiffOptions Options => options;

    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>Every report made, kept or filtered out: lets the walker learn that a subtree has nothing to say.</summary>
    public int Reported { get; private set; }

    /// <summary>Reports <paramref name="rule"/> at an operation (location: where in it, e.g. <c>query parameter limit</c>).</summary>
    public void Report(string rule, EndpointPair endpoint, string location, string message, string? before = null, string? after = null) =>
        Add(rule, endpoint, location, message, before, after, null);

    /// <summary>Reports <paramref name="rule"/> at a schema site.</summary>
    public void Report(string rule, SchemaPair pair, string message, string? before = null, string? after = null) =>
        Add(rule, pair.Endpoint, pair.Site.Location, message, before, after, pair.Site);

    /// <summary>
    /// Reports <paramref name="rule"/> about the property <paramref name="property"/> of the schema at <paramref name="pair"/>
    /// (added, removed, became required): the change sits at the property's own location, so impact can match what consumers use.
    /// </summary>
    public void ReportProperty(string rule, SchemaPair pair, string property, string message, string? before = null, string? after = null)
    {
        var site = pair.Site with
        {
            Part = pair.Site.Part switch
            {
                SchemaPart.Body => SchemaPart.Property,
                SchemaPart.Parameter => pair.Site.ParameterIn == "header" ? SchemaPart.HeaderProperty : SchemaPart.ParameterProperty,
                SchemaPart.Header => SchemaPart.HeaderProperty,
                var part => part,
            },
            PropertyName = property,
            PropertyPath = pair.Site.PropertyPath is null ? property : $"{pair.Site.PropertyPath}.{property}",
        };
        Add(rule, pair.Endpoint, site.Location, message, before, after, site);
    }

    /// <summary>
    /// Reports <paramref name="rule"/> about a whole document (location: where in it, e.g. <c>webhooks orderCreated</c>);
    /// the change has no method or path, and its file is the document.
    /// </summary>
    public void ReportDocument(string rule, DocumentPair document, string location, string message, string? before = null, string? after = null)
    {
        Reported++;
        if (options.OnlyRules is { } only && !only.Contains(rule)) return;
        var level = DiffRules.LevelOf(rule);
        if (level < options.MinLevel) return;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{document.File}|{rule}|{location}"));
        _changes.Add(new Change(rule, level, "", "", location, message)
        {
            Id = $"{document.File}:{Convert.ToHexStringLower(hash.AsSpan(0, 5))}",
            Before = before,
            After = after,
            File = document.File,
            Line = 1,
        });
    }

    private static string ChangeId(Model.Endpoint endpoint, string rule, string location)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{endpoint.Method} {endpoint.PathKey}|{rule}|{location}"));
        return $"{endpoint.Repo}:{Convert.ToHexStringLower(hash.AsSpan(0, 5))}";
    }

    /// <remarks>An operation that was draft or alpha at base promised nothing, so what would break its clients is only news there.</remarks>
    private void Add(string rule, EndpointPair endpoint, string location, string message, string? before, string? after, SchemaSite? site)
    {
        Reported++;
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
            Id = ChangeId(side.Endpoint, rule, location),
            Before = before,
            After = after,
            EndpointId = side.Endpoint.Id,
            File = side.Endpoint.File,
            Line = side.Endpoint.Line,
            Site = site,
        });
    }

    /// <summary>The operation's declared stability at base (head when added); an invalid declaration counts as stable.</summary>
    private static StabilityLevel Stability(EndpointPair endpoint) =>
        StabilityLevels.TryParse((endpoint.Base ?? endpoint.Head)!.Fact.Stability, out var level) ? level : StabilityLevel.Stable;
}
