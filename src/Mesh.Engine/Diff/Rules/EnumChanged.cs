namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A schema became an enum, or its enum (or <c>x-extensible-enum</c>) gained or lost values. Fewer accepted request
/// values break clients that send the others; more possible response values may break clients that switch on them.
/// </summary>
public sealed class EnumChanged : ISchemaRule
{
    public const string RequestReadOnlyPropertyEnumValueRemoved = "request-read-only-property-enum-value-removed";
    public const string ResponseMediaTypeEnumValueRemoved = "response-mediatype-enum-value-removed";
    public const string ResponseWriteOnlyPropertyEnumValueAdded = "response-write-only-property-enum-value-added";

    private readonly SiteIds _ids = new(
    [
        .. SiteIds.Each("became-enum", ChangeLevel.Err, "request-body", "request-property", "request-parameter", "request-header-property"),
        .. SiteIds.Each("enum-value-removed", ChangeLevel.Err, "request-body", "request-property", "request-parameter", "request-parameter-property"),
        .. SiteIds.Each("enum-value-added", ChangeLevel.Info, "request-property", "request-parameter", "request-parameter-property"),
        new(RequestReadOnlyPropertyEnumValueRemoved, ChangeLevel.Info),
        .. SiteIds.Each("x-extensible-enum-value-removed", ChangeLevel.Err, "request-property", "request-parameter"),
        new(ResponseMediaTypeEnumValueRemoved, ChangeLevel.Info),
        new("response-property-enum-value-removed", ChangeLevel.Info),
        new("response-property-enum-value-added", ChangeLevel.Warn),
        new(ResponseWriteOnlyPropertyEnumValueAdded, ChangeLevel.Info),
        // Not in oasdiff: a response body (not a property) that may take a new value, and its request twin.
        new("response-body-enum-value-added", ChangeLevel.Warn),
        new("request-body-enum-value-added", ChangeLevel.Info),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        if (before.Enum is null && after.Enum is null && before.ExtensibleEnum is null) return;
        var site = pair.Site;
        var where = Sites.Describe(site);
        if (before.Enum is null && after.Enum is { } values)
        {
            if (Sites.IsRequest(site) && _ids.For(site, "became-enum") is { } became)
                sink.Report(became, pair, $"{where} is now restricted to the values {List(values)}", null, List(values));
        }
        else if (before.Enum is { } was && after.Enum is { } now && !was.SequenceEqual(now, StringComparer.Ordinal))
        {
            foreach (var value in was.Except(now, StringComparer.Ordinal))
                if (Removed(site, pair) is { } id)
                    sink.Report(id, pair, $"value {value} was removed from the enum of {where}", value);
            foreach (var value in now.Except(was, StringComparer.Ordinal))
                if (Added(site, pair) is { } id)
                    sink.Report(id, pair, $"value {value} was added to the enum of {where}", null, value);
        }
        if (before.ExtensibleEnum is { } open && after.ExtensibleEnum is { } stillOpen && Sites.IsRequest(site))
            foreach (var value in open.Except(stillOpen, StringComparer.Ordinal))
                if (_ids.For(site, "x-extensible-enum-value-removed") is { } id)
                    sink.Report(id, pair, $"value {value} was removed from the x-extensible-enum of {where}", value);
    }

    private string? Removed(SchemaSite site, SchemaPair pair)
    {
        if (site.Direction == Direction.Response)
            return site.Part == SchemaPart.Body ? ResponseMediaTypeEnumValueRemoved : _ids.For(site, "enum-value-removed");
        if (Sites.IsNamedProperty(site) && site.Part == SchemaPart.Property && pair.Head.ReadOnly) return RequestReadOnlyPropertyEnumValueRemoved;
        return _ids.For(site, "enum-value-removed") ?? (site.Part == SchemaPart.HeaderProperty ? _ids.First("request-parameter-property-enum-value-removed") : null);
    }

    private string? Added(SchemaSite site, SchemaPair pair)
    {
        if (site.Direction == Direction.Response && site.Part == SchemaPart.Property && pair.Head.WriteOnly) return ResponseWriteOnlyPropertyEnumValueAdded;
        return _ids.For(site, "enum-value-added") ?? (site.Part == SchemaPart.HeaderProperty ? _ids.First("request-parameter-property-enum-value-added") : null);
    }

    private static string List(IReadOnlyList<string> values) => string.Join(", ", values);
}
