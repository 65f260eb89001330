namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A property became (or stopped being) read-only or write-only: it moves out of (or into) requests or responses.
/// oasdiff notes these as changelog entries, except a required response property that stops being write-only.
/// </summary>
public sealed class AccessModeChanged : ISchemaRule
{
    private static readonly string[] Modes = ["became-read-only", "became-not-read-only", "became-write-only", "became-not-write-only"];

    private readonly SiteIds _ids = new(
    [
        .. Modes.SelectMany(m => SiteIds.Each(m, ChangeLevel.Info,
            "request-optional-property", "request-required-property", "response-optional-property", "response-required-property")
            .Where(r => r.Id != "response-required-property-became-not-write-only")),
        new("response-required-property-became-not-write-only", ChangeLevel.Warn),
    ]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (was, now) = (pair.Base, pair.Head);
        if (was.ReadOnly == now.ReadOnly && was.WriteOnly == now.WriteOnly) return;
        // The property itself, not its items or composed parts (which share its name and parent).
        if (pair.Site is not { Part: SchemaPart.Property, PropertyName: { } name, PropertyPath: { } path }
            || !(path == name || path.EndsWith("." + name, StringComparison.Ordinal))) return;
        var kind = $"{(Sites.IsRequest(pair.Site) ? "request" : "response")}-{(pair.RequiredAtHead ? "required" : "optional")}-property";
        if (was.ReadOnly != now.ReadOnly)
            Report(pair, sink, kind, now.ReadOnly ? "became-read-only" : "became-not-read-only", now.ReadOnly ? "read-only" : "not read-only");
        if (was.WriteOnly != now.WriteOnly)
            Report(pair, sink, kind, now.WriteOnly ? "became-write-only" : "became-not-write-only", now.WriteOnly ? "write-only" : "not write-only");
    }

    private void Report(SchemaPair pair, ChangeSink sink, string kind, string suffix, string mode)
    {
        if (_ids.First($"{kind}-{suffix}") is { } id)
            sink.Report(id, pair, $"{Sites.Describe(pair.Site)} became {mode}", null, mode);
    }
}
