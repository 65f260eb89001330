namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A request or response body property's declared stability (<c>x-stability-level</c> on the property) changed.
/// Like an operation's, it may rise but not fall; a change is only reported when the level it leaves is one the diff
/// covers (<see cref="DiffOptions.MinStability"/>), and a property that declares nothing is stable.
/// </summary>
public sealed class PropertyStabilityChanged : ISchemaRule
{
    private static readonly string[] Prefixes = ["request-property", "response-property"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("stability-decreased", ChangeLevel.Err, Prefixes),
        .. SiteIds.Each("stability-increased", ChangeLevel.Info, Prefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (from, to) = (pair.Base.Stability, pair.Head.Stability);
        if (from == to || pair.Site.Part != SchemaPart.Property || pair.Site.PropertyName is null) return;
        if (!StabilityLevels.TryParse(from, out var before) || !StabilityLevels.TryParse(to, out var after) || before == after) return;
        if (before < sink.Options.MinStability) return;
        var suffix = after < before ? "stability-decreased" : "stability-increased";
        if (_ids.For(pair.Site, suffix) is not { } id) return;
        var verb = after < before ? "decreased" : "increased";
        sink.Report(id, pair, $"stability of {Sites.Describe(pair.Site)} {verb} from {before.Name()} to {after.Name()}", before.Name(), after.Name());
    }
}
