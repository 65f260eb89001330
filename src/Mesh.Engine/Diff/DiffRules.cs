using System.Collections.Frozen;
using Mesh.Engine.Diff.Rules;

namespace Mesh.Engine.Diff;

/// <summary>
/// The rule catalog. Where Mesh has a rule that the widely used oasdiff checker also has, it uses the same id and
/// default level, so ignore lists and CI policies carry over.
/// </summary>
public static class DiffRules
{
    public static readonly IReadOnlyList<IDiffRule> All =
    [
        new EndpointRemoved(),
        new PropertyTypeChanged(),
        // Classic schema rules, one per concept, at every site oasdiff has ids for.
        new PropertyAddedOrRemoved(),
        new PropertyRequiredChanged(),
        new WrappedInOneOf(),
        new AccessModeChanged(),
        new NullableChanged(),
        new EnumChanged(),
        new ConstChanged(),
        new DefaultValueChanged(),
        new PatternChanged(),
        new MinChanged(),
        new MaxChanged(),
        new LengthChanged(),
        new ItemsCountChanged(),
        new CompositionChanged(),
        new DiscriminatorChanged(),
        new ListOfTypesChanged(),
        new AdditionalPropertiesChanged(),
    ];

    /// <summary>Every id any rule can report, with its default level, sorted by id.</summary>
    public static readonly IReadOnlyList<RuleInfo> Catalog =
        [.. All.SelectMany(r => r.Ids).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal)];

    private static readonly FrozenDictionary<string, ChangeLevel> Levels = Catalog.ToFrozenDictionary(r => r.Id, r => r.Level, StringComparer.Ordinal);

    public static bool IsKnown(string id) => Levels.ContainsKey(id);

    /// <summary>The default level of a rule id; a rule reporting an id it did not declare is a bug.</summary>
    public static ChangeLevel LevelOf(string id) =>
        Levels.TryGetValue(id, out var level) ? level : throw new InvalidOperationException($"rule id '{id}' is not declared by any rule in DiffRules.All");
}
