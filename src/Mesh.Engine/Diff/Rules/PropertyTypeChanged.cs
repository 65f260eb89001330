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

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        .. Prefixes.Select(p => new RuleInfo($"{p}-type-changed", ChangeLevel.Err)),
        .. Prefixes.Where(p => p.StartsWith("request", StringComparison.Ordinal)).Select(p => new RuleInfo($"{p}-type-generalized", ChangeLevel.Info)),
        .. Prefixes.Where(p => p.StartsWith("response", StringComparison.Ordinal)).Select(p => new RuleInfo($"{p}-type-generalized", ChangeLevel.Err)),
        .. Prefixes.Where(p => p.StartsWith("response", StringComparison.Ordinal)).Select(p => new RuleInfo($"{p}-type-specialized", ChangeLevel.Info)),
        new("request-parameter-property-type-changed", ChangeLevel.Warn),
        new("request-parameter-property-type-generalized", ChangeLevel.Info),
        new("request-parameter-property-type-specialized", ChangeLevel.Err),
    ];

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        var typesBefore = Types(before);
        var typesAfter = Types(after);
        if (typesBefore.Count == 0 || typesAfter.Count == 0) return;
        if (typesBefore.Count > 1 || typesAfter.Count > 1) return; // lists of types: ListOfTypesChanged
        if (typesBefore.SetEquals(typesAfter) && before.Format == after.Format) return;
        var site = pair.Site;
        if (site.Part is SchemaPart.HeaderProperty) return;
        var from = Describe(before);
        var to = Describe(after);
        var suffix = Widens(typesBefore, typesAfter, before.Format, after.Format) ? "type-generalized"
            : Widens(typesAfter, typesBefore, after.Format, before.Format) ? "type-specialized"
            : "type-changed";
        if (suffix == "type-specialized" && site.Direction == Direction.Request && site.Part != SchemaPart.ParameterProperty) suffix = "type-changed";
        var id = site.Id(suffix);
        if (!DiffRules.IsKnown(id)) id = site.Id("type-changed");
        if (!DiffRules.IsKnown(id)) return;
        sink.Report(id, pair, $"type of {site.Location} changed from {from} to {to}", from, to);
    }

    private static HashSet<string> Types(ApiSchema schema) => [.. schema.Types ?? []];

    /// <summary>True when every value of the narrow type is a value of the wide one (integer ⊂ number, or a format dropped).</summary>
    private static bool Widens(HashSet<string> narrow, HashSet<string> wide, string? narrowFormat, string? wideFormat)
    {
        var covered = narrow.All(t => wide.Contains(t) || (t == "integer" && wide.Contains("number")));
        return covered && (wideFormat is null || wideFormat == narrowFormat);
    }

    private static string Describe(ApiSchema schema) =>
        string.Join("|", schema.Types ?? []) + (schema.Format is { } format ? $"/{format}" : "");
}
