using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A subschema was added to or removed from an <c>allOf</c>, <c>anyOf</c> or <c>oneOf</c>. A new <c>allOf</c> part or
/// a lost alternative narrows what a request accepts; a new alternative widens what a response may hold. A part
/// that only annotates (title, description) changes nothing and is only noted.
/// </summary>
public sealed class CompositionChanged : ISchemaRule
{
    private static readonly string[] Request = ["request-body", "request-property"];
    private static readonly string[] Response = ["response-body", "response-property"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("all-of-added", ChangeLevel.Err, Request),
        .. SiteIds.Each("all-of-removed", ChangeLevel.Warn, Request),
        .. SiteIds.Each("any-of-added", ChangeLevel.Info, Request),
        .. SiteIds.Each("any-of-removed", ChangeLevel.Err, Request),
        .. SiteIds.Each("one-of-added", ChangeLevel.Info, Request),
        .. SiteIds.Each("one-of-removed", ChangeLevel.Err, Request),
        .. SiteIds.Each("all-of-added", ChangeLevel.Info, Response),
        .. SiteIds.Each("all-of-removed", ChangeLevel.Info, Response),
        .. SiteIds.Each("any-of-added", ChangeLevel.Info, Response),
        .. SiteIds.Each("any-of-removed", ChangeLevel.Info, Response),
        .. SiteIds.Each("one-of-added", ChangeLevel.Err, Response),
        .. SiteIds.Each("one-of-removed", ChangeLevel.Info, Response),
        .. SiteIds.Each("all-of-added-annotation-only", ChangeLevel.Info, [.. Request, .. Response]),
        .. SiteIds.Each("all-of-removed-annotation-only", ChangeLevel.Info, [.. Request, .. Response]),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        if (before.AllOf is null && after.AllOf is null && before.AnyOf is null && after.AnyOf is null && before.OneOf is null && after.OneOf is null) return;
        Compare(pair, sink, "allOf", "all-of", before.AllOf, after.AllOf, Reported.Separately);
        Compare(pair, sink, "anyOf", "any-of", before.AnyOf, after.AnyOf, Reported.AsListOfTypes);
        Compare(pair, sink, "oneOf", "one-of", before.OneOf, after.OneOf, Reported.AsListOfTypes | Reported.AsWrapping);
    }

    /// <summary>Changes of alternatives that another rule reports as one change.</summary>
    [Flags]
    private enum Reported
    {
        Separately = 0,
        /// <summary>Plain types written as alternatives: a list-of-types change.</summary>
        AsListOfTypes = 1,
        /// <summary>An object body that became alternatives: wrapped in oneOf.</summary>
        AsWrapping = 2,
    }

    private void Compare(SchemaPair pair, ChangeSink sink, string keyword, string kind, IReadOnlyList<ApiSchema>? before, IReadOnlyList<ApiSchema>? after, Reported elsewhere)
    {
        if (before is null && after is null) return;
        if (before is not null && after is not null && before.Count == after.Count && before.Zip(after).All(p => p.First.Ref == p.Second.Ref)) return;
        if (elsewhere.HasFlag(Reported.AsListOfTypes) && ListOfTypesChanged.Applies(pair)) return;
        if (elsewhere.HasFlag(Reported.AsWrapping) && WrappedInOneOf.MovedProperties(pair).Count > 0) return;
        var (removed, added) = Unmatched(before ?? [], after ?? []);
        if (removed.Count == 0 && added.Count == 0) return;
        var where = Sites.Describe(pair.Site);
        foreach (var (schema, label) in added)
            Report(pair, sink, kind, "added", IsAnnotationOnly(pair.ResolveHead(schema)), $"{keyword} subschema {label} was added to {where}", label);
        foreach (var (schema, label) in removed)
            Report(pair, sink, kind, "removed", IsAnnotationOnly(pair.ResolveBase(schema)), $"{keyword} subschema {label} was removed from {where}", label);
    }

    private void Report(SchemaPair pair, ChangeSink sink, string kind, string change, bool annotationOnly, string message, string label)
    {
        var id = (annotationOnly ? _ids.For(pair.Site, $"{kind}-{change}-annotation-only") : null) ?? _ids.For(pair.Site, $"{kind}-{change}");
        if (id is not null) sink.Report(id, pair, message, change == "removed" ? label : null, change == "added" ? label : null);
    }

    /// <summary>Subschemas are the same when they name the same schema; unnamed ones pair by position, as the walker pairs them.</summary>
    private static (List<(ApiSchema, string)> Removed, List<(ApiSchema, string)> Added) Unmatched(IReadOnlyList<ApiSchema> before, IReadOnlyList<ApiSchema> after)
    {
        static string Label(ApiSchema schema, int index) => schema.Ref is { } name ? $"'{name}'" : $"#{index + 1}";
        var removed = new List<(ApiSchema, string)>();
        var added = new List<(ApiSchema, string)>();
        var unnamedBefore = before.Select((s, i) => (s, i)).Where(x => x.s.Ref is null).ToList();
        var unnamedAfter = after.Select((s, i) => (s, i)).Where(x => x.s.Ref is null).ToList();
        for (var i = 0; i < before.Count; i++)
            if (before[i].Ref is { } name && !after.Any(s => s.Ref == name)) removed.Add((before[i], Label(before[i], i)));
        for (var i = 0; i < after.Count; i++)
            if (after[i].Ref is { } name && !before.Any(s => s.Ref == name)) added.Add((after[i], Label(after[i], i)));
        removed.AddRange(unnamedBefore.Skip(unnamedAfter.Count).Select(x => (x.s, Label(x.s, x.i))));
        added.AddRange(unnamedAfter.Skip(unnamedBefore.Count).Select(x => (x.s, Label(x.s, x.i))));
        return (removed, added);
    }

    /// <summary>True when the subschema only annotates: without title, default and access flags it is the empty schema.</summary>
    private static bool IsAnnotationOnly(ApiSchema? schema) =>
        schema is not null && schema with { Title = null, Default = null, ReadOnly = false, WriteOnly = false, Deprecated = false } == new ApiSchema();
}
