using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A value that may be one of several types: an OpenAPI 3.1 type list (<c>type: [string, integer]</c>) or a
/// <c>oneOf</c>/<c>anyOf</c> of bare types (the OpenAPI 3.0 way). A type joining the list widens, a type leaving it
/// narrows; a change between single types is <see cref="PropertyTypeChanged"/>'s, and <c>null</c> is nullability's.
/// </summary>
public sealed class ListOfTypesChanged : ISchemaRule
{
    private static readonly string[] Prefixes =
        [.. KeywordIds.BodyAndProperty, "request-parameter", "request-parameter-property"];

    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Widening("list-of-types-widened", Prefixes),
        .. KeywordIds.Narrowing("list-of-types-narrowed", Prefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (!MayBeList(pair.Base) && !MayBeList(pair.Head)) return;
        if (TypeList(pair.Base) is not { } before || TypeList(pair.Head) is not { } after) return;
        if (before.Count < 2 && after.Count < 2) return;
        var where = pair.Site.Location;
        var (from, to) = (string.Join("|", before), string.Join("|", after));
        var added = after.Except(before).ToList();
        // integer values are numbers: integer leaving a list that gains number is not a narrowing.
        var removed = before.Except(after).Where(t => !(t == "integer" && after.Contains("number"))).ToList();
        if (added.Count > 0)
            Catalog.Report(pair, sink, "list-of-types-widened", $"{where} may now also be {string.Join(" or ", added)} ({from} → {to})", from, to);
        if (removed.Count > 0)
            Catalog.Report(pair, sink, "list-of-types-narrowed", $"{where} may no longer be {string.Join(" or ", removed)} ({from} → {to})", from, to);
    }

    /// <summary>Cheap test first: every schema pair of an operation passes here.</summary>
    private static bool MayBeList(ApiSchema schema) => schema.Types is { Count: > 1 } || schema.OneOf is not null || schema.AnyOf is not null;

    /// <summary>The types a schema allows, sorted; null when it is not a plain type or list of types.</summary>
    private static SortedSet<string>? TypeList(ApiSchema schema)
    {
        if (schema.Types is { Count: > 0 } types) return new SortedSet<string>(types, StringComparer.Ordinal);
        var members = (schema.OneOf, schema.AnyOf) switch
        {
            ({ Count: > 0 } oneOf, null) => oneOf,
            (null, { Count: > 0 } anyOf) => anyOf,
            _ => null,
        };
        if (members is null || !members.All(IsBareType)) return null;
        return new SortedSet<string>(members.SelectMany(m => m.Types!), StringComparer.Ordinal);
    }

    /// <summary>A subschema that only names types (a format is allowed): no reference, members, items or composition.</summary>
    private static bool IsBareType(ApiSchema schema) =>
        schema is { Ref: null, Types.Count: > 0, Properties: null, Items: null, AdditionalProperties: null, OneOf: null, AnyOf: null, AllOf: null, PrefixItems: null };
}
