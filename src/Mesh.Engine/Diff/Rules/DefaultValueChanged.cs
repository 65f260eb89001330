namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A default value was added, changed or removed. Clients that omit the value now get different behaviour; for a
/// parameter that silently changes what every such request means, so oasdiff rates it breaking.
/// </summary>
public sealed class DefaultValueChanged : ISchemaRule
{
    private static readonly string[] Prefixes = ["request-body", "request-property", "response-body", "response-property"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("default-value-added", ChangeLevel.Info, Prefixes),
        .. SiteIds.Each("default-value-changed", ChangeLevel.Info, Prefixes),
        .. SiteIds.Each("default-value-removed", ChangeLevel.Info, Prefixes),
        .. SiteIds.Each("default-value-added", ChangeLevel.Err, "request-parameter"),
        .. SiteIds.Each("default-value-changed", ChangeLevel.Err, "request-parameter"),
        .. SiteIds.Each("default-value-removed", ChangeLevel.Err, "request-parameter"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        // A parameter's own default belongs to RequestParameterDefaultValueChanged.
        if (pair.Site.Part == SchemaPart.Parameter) return;
        var (before, after) = (pair.Base.Default, pair.Head.Default);
        if (before == after) return;
        var where = Sites.Describe(pair.Site);
        var (suffix, message) = (before, after) switch
        {
            (null, _) => ("default-value-added", $"{where} now defaults to {after}"),
            (_, null) => ("default-value-removed", $"{where} no longer defaults to {before}"),
            _ => ("default-value-changed", $"{where} default changed from {before} to {after}"),
        };
        if (_ids.For(pair.Site, suffix) is { } id) sink.Report(id, pair, message, before, after);
    }
}
