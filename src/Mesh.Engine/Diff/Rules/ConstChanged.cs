namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>const</c> pins a value. Pinning one narrows what is valid, freeing one widens it; a different pinned value breaks
/// both directions: clients send the old value, or expect it.
/// </summary>
public sealed class ConstChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("const-added"),
        .. KeywordIds.Widening("const-removed"),
        .. KeywordIds.Either("const-changed", ChangeLevel.Err),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base.Const, pair.Head.Const);
        if (before == after) return;
        var where = pair.Site.Location;
        if (before is null)
            Catalog.Report(pair, sink, "const-added", $"{where} now only allows {after}", null, after);
        else if (after is null)
            Catalog.Report(pair, sink, "const-removed", $"{where} no longer only allows {before}", before, null);
        else
            Catalog.Report(pair, sink, "const-changed", $"{where} now only allows {after} instead of {before}", before, after);
    }
}
