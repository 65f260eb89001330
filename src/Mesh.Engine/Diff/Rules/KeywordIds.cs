using System.Collections.Frozen;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// The ids a JSON Schema keyword rule reports at body and property sites (<c>request-body-</c>, <c>response-property-</c>, …
/// + suffix), each level set by direction: narrowing what is valid breaks requests (clients send values no longer
/// accepted) and is a changelog note for responses; widening it is a note for requests and breaks responses (clients
/// meet values they never expected).
/// </summary>
internal sealed class KeywordIds
{
    public static readonly string[] BodyAndProperty = ["request-body", "request-property", "response-body", "response-property"];

    private readonly FrozenSet<string> _declared;

    public KeywordIds(IEnumerable<RuleInfo> ids)
    {
        All = [.. ids];
        _declared = All.Select(i => i.Id).ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<RuleInfo> All { get; }

    /// <summary>A change that makes fewer values valid.</summary>
    public static IEnumerable<RuleInfo> Narrowing(string suffix, IEnumerable<string>? prefixes = null) =>
        (prefixes ?? BodyAndProperty).Select(p => new RuleInfo($"{p}-{suffix}", IsRequest(p) ? ChangeLevel.Err : ChangeLevel.Info));

    /// <summary>A change that makes more values valid.</summary>
    public static IEnumerable<RuleInfo> Widening(string suffix, IEnumerable<string>? prefixes = null) =>
        (prefixes ?? BodyAndProperty).Select(p => new RuleInfo($"{p}-{suffix}", IsRequest(p) ? ChangeLevel.Info : ChangeLevel.Err));

    /// <summary>A change with one level whatever the direction.</summary>
    public static IEnumerable<RuleInfo> Either(string suffix, ChangeLevel level) =>
        BodyAndProperty.Select(p => new RuleInfo($"{p}-{suffix}", level));

    /// <summary>Reports <c>{site prefix}-{suffix}</c> when this rule declares it for the site (parameters and headers have no such ids).</summary>
    public void Report(SchemaPair pair, ChangeSink sink, string suffix, string message, string? before = null, string? after = null)
    {
        var id = pair.Site.Id(suffix);
        if (_declared.Contains(id)) sink.Report(id, pair, message, before, after);
    }

    private static bool IsRequest(string prefix) => prefix.StartsWith("request", StringComparison.Ordinal);
}
