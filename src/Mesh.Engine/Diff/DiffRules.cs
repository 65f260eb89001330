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

        // Operation level: lifecycle, security, parameters, request bodies, responses.
        new EndpointAdded(),
        new EndpointDeprecated(),
        new EndpointSunsetChanged(),
        new StabilityLevelChanged(),
        new OperationIdChanged(),
        new TagChanged(),
        new SecurityChanged(),
        new RequestParameterRemoved(),
        new NewRequestParameter(),
        new NewRequestDefaultParameter(),
        new RequestParameterBecameRequired(),
        new RequestParameterDeprecated(),
        new RequestParameterSunsetChanged(),
        new RequestParameterDefaultValueChanged(),
        new RequestBodyRemoved(),
        new RequestBodyAdded(),
        new RequestBodyBecameRequired(),
        new RequestBodyMediaTypeChanged(),
        new ResponseStatusRemoved(),
        new ResponseStatusAdded(),
        new ResponseMediaTypeChanged(),
        new ResponseMediaTypeNameChanged(),
        new MediaTypeSchemaAddedOrRemoved(),
        new ResponseHeaderRemoved(),
        new ResponseHeaderAdded(),
        new ResponseHeaderBecameOptional(),

        // JSON Schema 2020-12 keywords and lists of types
        new ListOfTypesChanged(),
        new ConstChanged(),
        new NotSubschemaChanged(),
        new ConditionalSubschemasChanged(),
        new PrefixItemsChanged(),
        new ContainsChanged(),
        new PatternPropertiesChanged(),
        new DependentRequiredChanged(),
        new DependentSchemasChanged(),
        new UnevaluatedMembersChanged(),
        new ContentChanged(),

        // Classic schema rules, one per concept, at every site oasdiff has ids for.
        new PropertyAddedOrRemoved(),
        new PropertyRequiredChanged(),
        new WrappedInOneOf(),
        new AccessModeChanged(),
        new NullableChanged(),
        new EnumChanged(),
        new DefaultValueChanged(),
        new PatternChanged(),
        new MinChanged(),
        new MaxChanged(),
        new LengthChanged(),
        new ItemsCountChanged(),
        new CompositionChanged(),
        new DiscriminatorChanged(),
        new AdditionalPropertiesChanged(),
        new PropertyNamesChanged(),
        new PropertyDeprecated(),
        new PropertyStabilityChanged(),

        // Documents: webhooks, security schemes, component schemas; the version policy last, as it judges the rest.
        new WebhookAddedOrRemoved(),
        new SecurityComponentChanged(),
        new ComponentSchemaRemoved(),
        new VersionNotBumped(),
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
