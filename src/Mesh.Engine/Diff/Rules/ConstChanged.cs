namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A schema's <c>const</c> was added, changed or removed. A new or different request constant rejects what clients
/// sent; a different or removed response constant hands readers values they did not expect.
/// </summary>
public sealed class ConstChanged : ISchemaRule
{
    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("const-added", ChangeLevel.Err, "request-body", "request-property"),
        .. SiteIds.Each("const-changed", ChangeLevel.Err, "request-body", "request-property"),
        .. SiteIds.Each("const-removed", ChangeLevel.Info, "request-body", "request-property"),
        .. SiteIds.Each("const-added", ChangeLevel.Info, "response-body", "response-property"),
        .. SiteIds.Each("const-changed", ChangeLevel.Err, "response-body", "response-property"),
        .. SiteIds.Each("const-removed", ChangeLevel.Err, "response-body", "response-property"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base.Const, pair.Head.Const);
        if (before == after) return;
        var where = Sites.Describe(pair.Site);
        var (suffix, message) = (before, after) switch
        {
            (null, _) => ("const-added", $"{where} must now be exactly '{after}'"),
            (_, null) => ("const-removed", $"{where} is no longer fixed to '{before}'"),
            _ => ("const-changed", $"{where} constant changed from '{before}' to '{after}'"),
        };
        if (_ids.For(pair.Site, suffix) is { } id) sink.Report(id, pair, message, before, after);
    }
}
