using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A value that may take several types (<c>type: [string, integer]</c>, or a <c>oneOf</c>/<c>anyOf</c> of plain
/// types) gained or lost one. Losing a type a request accepted breaks clients that send it; gaining a type a response
/// may hold breaks readers that expect the old ones.
/// </summary>
public sealed class ListOfTypesChanged : ISchemaRule
{
    private static readonly string[] Request = ["request-body", "request-property", "request-parameter", "request-parameter-property"];
    private static readonly string[] Response = ["response-body", "response-property"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("list-of-types-narrowed", ChangeLevel.Err, Request),
        .. SiteIds.Each("list-of-types-widened", ChangeLevel.Info, Request),
        .. SiteIds.Each("list-of-types-widened", ChangeLevel.Err, Response),
        .. SiteIds.Each("list-of-types-narrowed", ChangeLevel.Info, Response),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (!Applies(pair)) return;
        var (before, _) = Types(pair.Base, pair.ResolveBase);
        var (after, _) = Types(pair.Head, pair.ResolveHead);
        var lost = before.Except(after).ToList();
        var gained = after.Except(before).ToList();
        var narrowed = Sites.IsRequest(pair.Site) ? lost.Count > 0 : gained.Count == 0;
        var suffix = narrowed ? "list-of-types-narrowed" : "list-of-types-widened";
        var id = _ids.For(pair.Site, suffix) ?? (pair.Site.Part == SchemaPart.HeaderProperty ? _ids.First($"request-parameter-property-{suffix}") : null);
        if (id is null) return;
        var change = string.Join("; ", new[]
        {
            lost.Count > 0 ? $"lost {string.Join(", ", lost)}" : null,
            gained.Count > 0 ? $"gained {string.Join(", ", gained)}" : null,
        }.OfType<string>());
        sink.Report(id, pair, $"{Sites.Describe(pair.Site)} types changed from {string.Join("|", before)} to {string.Join("|", after)} ({change})",
            string.Join("|", before), string.Join("|", after));
    }

    /// <summary>True when either side is a list of several types and the lists differ; single-type changes are <see cref="PropertyTypeChanged"/>'s.</summary>
    public static bool Applies(SchemaPair pair)
    {
        var (before, listBefore) = Types(pair.Base, pair.ResolveBase);
        var (after, listAfter) = Types(pair.Head, pair.ResolveHead);
        return (listBefore || listAfter) && before.Count > 0 && after.Count > 0 && !before.SetEquals(after);
    }

    /// <summary>The types a value may take, sorted, and whether they are a list (several types, or plain-type alternatives).</summary>
    private static (SortedSet<string> Types, bool IsList) Types(ApiSchema schema, Func<ApiSchema?, ApiSchema?> resolve)
    {
        var own = new SortedSet<string>(schema.Types ?? [], StringComparer.Ordinal);
        if (own.Count > 1) return (own, true);
        if (own.Count == 0 && (schema.OneOf ?? schema.AnyOf) is { Count: > 1 } alternatives)
        {
            var resolved = alternatives.Select(resolve).ToList();
            if (resolved.All(IsPlainType))
                return (new SortedSet<string>(resolved.SelectMany(a => a!.Types!), StringComparer.Ordinal), true);
        }
        return (own, false);
    }

    private static bool IsPlainType(ApiSchema? schema) =>
        schema is { Types.Count: 1 } && schema with { Types = null, Format = null, Title = null } == new ApiSchema();
}
