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
        if (pair.Site.Part is not (SchemaPart.Body or SchemaPart.Property)) return;
        foreach (var (name, before, after) in Sites.Members(pair.Base, pair.Head))
        {
            if (before is null || after is null) continue;
            var (was, now) = (pair.ResolveBase(before) ?? before, pair.ResolveHead(after) ?? after);
            if (was.ReadOnly == now.ReadOnly && was.WriteOnly == now.WriteOnly) continue;
            var site = Sites.PropertyOf(pair.Site, name);
            var kind = $"{(Sites.IsRequest(site) ? "request" : "response")}-{(Sites.Requires(pair.Head, name) ? "required" : "optional")}-property";
            if (was.ReadOnly != now.ReadOnly)
                Report(pair with { Site = site }, sink, kind, now.ReadOnly ? "became-read-only" : "became-not-read-only",
                    now.ReadOnly ? "read-only" : "not read-only");
            if (was.WriteOnly != now.WriteOnly)
                Report(pair with { Site = site }, sink, kind, now.WriteOnly ? "became-write-only" : "became-not-write-only",
                    now.WriteOnly ? "write-only" : "not write-only");
        }
    }

    private void Report(SchemaPair pair, ChangeSink sink, string kind, string suffix, string mode)
    {
        if (_ids.First($"{kind}-{suffix}") is { } id)
            sink.Report(id, pair, $"{Sites.Describe(pair.Site)} became {mode}", null, mode);
    }
}
