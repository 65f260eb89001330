namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An object stopped (or started) allowing properties beyond those it lists (<c>additionalProperties: false</c>).
/// A request object that closes rejects clients that send extra fields; a response object that opens may hand
/// strict readers fields they refuse. Not in oasdiff's catalog, so the ids are Mesh's own.
/// </summary>
public sealed class AdditionalPropertiesChanged : ISchemaRule
{
    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("additional-properties-disallowed", ChangeLevel.Warn, "request-body", "request-property"),
        .. SiteIds.Each("additional-properties-allowed", ChangeLevel.Info, "request-body", "request-property"),
        .. SiteIds.Each("additional-properties-allowed", ChangeLevel.Warn, "response-body", "response-property"),
        .. SiteIds.Each("additional-properties-disallowed", ChangeLevel.Info, "response-body", "response-property"),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        // An additionalProperties schema allows extra properties too (of that shape); only `false` closes the object.
        var (wasClosed, isClosed) = (pair.Base.AdditionalPropertiesAllowed == false, pair.Head.AdditionalPropertiesAllowed == false);
        if (wasClosed == isClosed) return;
        var where = Sites.Describe(pair.Site);
        var (suffix, message) = isClosed
            ? ("additional-properties-disallowed", $"{where} no longer allows properties it does not list")
            : ("additional-properties-allowed", $"{where} now allows properties it does not list");
        if (_ids.For(pair.Site, suffix) is { } id)
            sink.Report(id, pair, message, wasClosed ? "false" : "true", isClosed ? "false" : "true");
    }
}
