using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A body that was one object became a <c>oneOf</c> of alternatives that share its properties. Nothing was removed,
/// but a payload valid before may now match no alternative or several, so it is reported once as a breaking
/// restructuring; the property removals and the added alternatives it implies are not reported again.
/// </summary>
public sealed class WrappedInOneOf : ISchemaRule
{
    public const string RequestBodyWrappedInOneOf = "request-body-wrapped-in-one-of";
    public const string ResponseBodyWrappedInOneOf = "response-body-wrapped-in-one-of";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(RequestBodyWrappedInOneOf, ChangeLevel.Err),
        new(ResponseBodyWrappedInOneOf, ChangeLevel.Err),
    ];

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var moved = MovedProperties(pair);
        if (moved.Count == 0) return;
        var id = Sites.IsRequest(pair.Site) ? RequestBodyWrappedInOneOf : ResponseBodyWrappedInOneOf;
        sink.Report(id, pair,
            $"{Sites.Describe(pair.Site)} was wrapped in a oneOf of {pair.Head.OneOf!.Count} alternatives; properties {string.Join(", ", moved.Order(StringComparer.Ordinal).Select(m => $"'{m}'"))} moved into them",
            "object", "oneOf");
    }

    /// <summary>The base properties that moved into the head's <c>oneOf</c> alternatives when the body was wrapped; empty when it was not.</summary>
    public static IReadOnlySet<string> MovedProperties(SchemaPair pair)
    {
        var (before, after) = (pair.Base, pair.Head);
        if (pair.Site is not { Part: SchemaPart.Body, PropertyPath: null }) return Empty;
        if (before.OneOf is not null || before.Properties is not { Count: > 0 } properties) return Empty;
        if (after.OneOf is not { Count: > 0 } alternatives || after.Properties is { Count: > 0 }) return Empty;
        var offered = alternatives.Select(pair.ResolveHead).SelectMany(a => a?.Properties?.Keys ?? []).ToHashSet(StringComparer.Ordinal);
        var moved = properties.Keys.Where(offered.Contains).ToHashSet(StringComparer.Ordinal);
        return moved;
    }

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();
}
