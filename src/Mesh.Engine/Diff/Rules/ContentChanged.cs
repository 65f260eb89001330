namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A string holding an encoded document: <c>contentMediaType</c> and <c>contentEncoding</c> say how to decode it, and a
/// different one breaks both directions (the other side decodes the old way). A new <c>contentSchema</c> narrows what the
/// document may hold, a removed one widens it; one present on both sides is walked like any subschema.
/// </summary>
public sealed class ContentChanged : ISchemaRule
{
    private static readonly KeywordIds Catalog = new(
    [
        .. KeywordIds.Either("content-media-type-changed", ChangeLevel.Err),
        .. KeywordIds.Either("content-encoding-changed", ChangeLevel.Err),
        .. KeywordIds.Narrowing("content-schema-added"),
        .. KeywordIds.Widening("content-schema-removed"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => Catalog.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.ContentMediaType is null && pair.Head.ContentMediaType is null && pair.Base.ContentEncoding is null && pair.Head.ContentEncoding is null && pair.Base.ContentSchema is null && pair.Head.ContentSchema is null) return;
        var (before, after) = (pair.Base, pair.Head);
        var where = pair.Site.Location;
        if (!string.Equals(before.ContentMediaType, after.ContentMediaType, StringComparison.OrdinalIgnoreCase))
            Catalog.Report(pair, sink, "content-media-type-changed",
                $"content media type of {where} changed from {before.ContentMediaType ?? "none"} to {after.ContentMediaType ?? "none"}", before.ContentMediaType, after.ContentMediaType);
        if (!string.Equals(before.ContentEncoding, after.ContentEncoding, StringComparison.OrdinalIgnoreCase))
            Catalog.Report(pair, sink, "content-encoding-changed",
                $"content encoding of {where} changed from {before.ContentEncoding ?? "none"} to {after.ContentEncoding ?? "none"}", before.ContentEncoding, after.ContentEncoding);
        if (before.ContentSchema is null && after.ContentSchema is not null)
            Catalog.Report(pair, sink, "content-schema-added", $"the content encoded in {where} must now match {SchemaText.Of(after.ContentSchema)}", null, SchemaText.Of(after.ContentSchema));
        else if (before.ContentSchema is not null && after.ContentSchema is null)
            Catalog.Report(pair, sink, "content-schema-removed", $"the content encoded in {where} no longer must match {SchemaText.Of(before.ContentSchema)}", SchemaText.Of(before.ContentSchema), null);
    }
}
