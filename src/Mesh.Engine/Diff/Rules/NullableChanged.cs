namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A schema started or stopped accepting <c>null</c>. Clients that send null break when a request value stops being
/// nullable; clients that read a response value break when it may suddenly be null.
/// </summary>
public sealed class NullableChanged : ISchemaRule
{
    private static readonly string[] RequestPrefixes = ["request-body", "request-property", "request-parameter", "request-parameter-property"];
    private static readonly string[] ResponsePrefixes = ["response-body", "response-property", "response-header"];

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("became-nullable", ChangeLevel.Info, RequestPrefixes),
        .. SiteIds.Each("became-not-nullable", ChangeLevel.Err, RequestPrefixes),
        .. SiteIds.Each("became-nullable", ChangeLevel.Err, ResponsePrefixes),
        .. SiteIds.Each("became-not-nullable", ChangeLevel.Info, ResponsePrefixes),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.Nullable == pair.Head.Nullable) return;
        var suffix = pair.Head.Nullable ? "became-nullable" : "became-not-nullable";
        // Header object properties are parameter properties to oasdiff.
        var id = _ids.For(pair.Site, suffix) ?? (pair.Site.Part == SchemaPart.HeaderProperty ? _ids.First($"request-parameter-property-{suffix}") : null);
        if (id is null) return;
        var message = pair.Head.Nullable ? $"{Sites.Describe(pair.Site)} may now be null" : $"{Sites.Describe(pair.Site)} may no longer be null";
        sink.Report(id, pair, message, pair.Base.Nullable ? "nullable" : "not nullable", pair.Head.Nullable ? "nullable" : "not nullable");
    }
}
