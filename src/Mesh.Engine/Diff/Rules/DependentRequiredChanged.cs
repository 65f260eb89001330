namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// <c>dependentRequired</c>: when a property is present, others must be too. A new dependency narrows, a removed one
/// widens, and a different list of required properties breaks both directions.
/// </summary>
public sealed class DependentRequiredChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Narrowing("dependent-required-added"),
        .. KeywordIds.Widening("dependent-required-removed"),
        .. KeywordIds.Either("dependent-required-changed", ChangeLevel.Err),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.DependentRequired is null && pair.Head.DependentRequired is null) return;
        var before = pair.Base.DependentRequired ?? Empty;
        var after = pair.Head.DependentRequired ?? Empty;
        var where = pair.Site.Location;
        foreach (var (property, required) in after)
        {
            if (!before.TryGetValue(property, out var was))
                Catalog.Report(pair, sink, "dependent-required-added", $"when '{property}' is set in {where}, {List(required)} must now be set too", null, List(required));
            else if (!was.ToHashSet(StringComparer.Ordinal).SetEquals(required))
                Catalog.Report(pair, sink, "dependent-required-changed", $"when '{property}' is set in {where}, {List(required)} must now be set instead of {List(was)}", List(was), List(required));
        }
        foreach (var (property, required) in before.Where(d => !after.ContainsKey(d.Key)))
            Catalog.Report(pair, sink, "dependent-required-removed", $"when '{property}' is set in {where}, {List(required)} no longer must be set", List(required), null);
    }

    private static string List(IReadOnlyList<string> names) => string.Join(", ", names);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();
}
