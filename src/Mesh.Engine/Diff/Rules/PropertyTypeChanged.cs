using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A schema's type or format changed. Widening what a request accepts (integer → number) or narrowing what a
/// response returns is compatible; anything else breaks the side that must produce or parse the value.
/// </summary>
public sealed class PropertyTypeChanged : ISchemaRule
{
    private static readonly string[] Prefixes =
        ["request-body", "request-property", "request-parameter", "response-body", "response-property", "response-header"];

    private readonly SiteIds _ids = new(
    [
        .. Prefixes.Select(p => new RuleInfo($"{p}-type-changed", ChangeLevel.Err)),
        .. Prefixes.Where(p => p.StartsWith("request", StringComparison.Ordinal)).Select(p => new RuleInfo($"{p}-type-generalized", ChangeLevel.Info)),
        .. Prefixes.Where(p => p.StartsWith("response", StringComparison.Ordinal)).Select(p => new RuleInfo($"{p}-type-generalized", ChangeLevel.Err)),
        .. Prefixes.Where(p => p.StartsWith("response", StringComparison.Ordinal)).Select(p => new RuleInfo($"{p}-type-specialized", ChangeLevel.Info)),
        .. ((string[])["request-body", "request-property", "response-body", "response-property", "response-header"]).Select(p => new RuleInfo($"{p}-type-compatible", ChangeLevel.Info)),
        new("request-parameter-property-type-changed", ChangeLevel.Warn),
        new("request-parameter-property-type-generalized", ChangeLevel.Info),
        new("request-parameter-property-type-specialized", ChangeLevel.Err),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        if (before.Format == after.Format && (before.Types ?? []).SequenceEqual(after.Types ?? [])) return;
        var typesBefore = Types(before);
        var typesAfter = Types(after);
        if (typesBefore.Count == 0 || typesAfter.Count == 0) return;
        if (typesBefore.Count > 1 || typesAfter.Count > 1) return; // lists of types: ListOfTypesChanged
        if (typesBefore.SetEquals(typesAfter) && before.Format == after.Format) return;
        if (ListOfTypesChanged.Applies(pair)) return;
        var site = pair.Site;
        if (site.Part is SchemaPart.HeaderProperty) return;
        var from = Describe(before);
        var to = Describe(after);
        var suffix = Widens(typesBefore, typesAfter, before.Format, after.Format) ? "type-generalized"
            : Widens(typesAfter, typesBefore, after.Format, before.Format) || TextNarrowedToScalar(site, typesBefore, typesAfter) ? "type-specialized"
            : "type-changed";
        if (suffix == "type-specialized" && site.Direction == Direction.Request && site.Part != SchemaPart.ParameterProperty) suffix = "type-changed";
        if (suffix == "type-changed" && LooselyTyped(pair) && AnyValueReadsAsText(site.Direction == Direction.Request ? typesAfter : typesBefore)) suffix = "type-compatible";
        var id = _ids.For(site, suffix) ?? _ids.For(site, "type-changed");
        if (id is null) return;
        sink.Report(id, pair, $"{Sites.Describe(site)} type changed from {from} to {to}", from, to);
    }

    private static HashSet<string> Types(ApiSchema schema) => [.. schema.Types ?? []];

    /// <summary>
    /// True where values travel as text, not JSON (an XML or plain-text body, a response header): there <c>1</c> and
    /// <c>"1"</c> are the same bytes, so a type that becomes a string on the receiving side still reads every value.
    /// </summary>
    private static bool LooselyTyped(SchemaPair pair)
    {
        var site = pair.Site;
        if (site.Part is SchemaPart.Header) return true;
        if (site.Part is not (SchemaPart.Body or SchemaPart.Property)) return false;
        var fact = pair.Endpoint.Head!.Fact;
        var types = site.Direction == Direction.Request ? fact.RequestBody?.ContentTypes : fact.Responses.FirstOrDefault(r => r.Status == site.Status)?.ContentTypes;
        return MediaTypes.Primary(types ?? []) is { } primary && !MediaTypes.IsJson(primary);
    }

    /// <summary>The receiving side's type is text: a request that now takes a string, a response that used to promise one.</summary>
    private static bool AnyValueReadsAsText(HashSet<string> receiving) => receiving.SetEquals(["string"]);

    /// <summary>True when every value of the narrow type is a value of the wide one (integer ⊂ number, or a format dropped).</summary>
    private static bool Widens(HashSet<string> narrow, HashSet<string> wide, string? narrowFormat, string? wideFormat)
    {
        var covered = narrow.All(t => wide.Contains(t) || (t == "integer" && wide.Contains("number")));
        return covered && (wideFormat is null || wideFormat == narrowFormat);
    }

    /// <summary>Parameter values travel as text, so a string parameter property that becomes a number or boolean only accepts fewer of them.</summary>
    private static bool TextNarrowedToScalar(SchemaSite site, HashSet<string> before, HashSet<string> after) =>
        site.Part == SchemaPart.ParameterProperty && before.SetEquals(["string"])
        && after.All(t => t is "number" or "integer" or "boolean");

    private static string Describe(ApiSchema schema) =>
        string.Join("|", schema.Types ?? []) + (schema.Format is { } format ? $"/{format}" : "");
}
