namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// One numeric limit of a schema (minimum, maxLength, minItems…) compared at base and head, reported as
/// <c>{kind}-increased</c>, <c>-decreased</c>, <c>-set</c> or <c>-unset</c> where the rule declares that id.
/// A request limit that narrows breaks clients; a response limit that widens may break readers.
/// </summary>
internal sealed record Limits(string Kind, string Noun, bool Lower)
{
    public void Compare(SchemaPair pair, ChangeSink sink, SiteIds ids, decimal? before, decimal? after, bool exclusiveBefore = false, bool exclusiveAfter = false)
    {
        if (before == after && exclusiveBefore == exclusiveAfter) return;
        if (before is null && after is null) return;
        bool narrower;
        string suffix;
        if (before is null) (narrower, suffix) = (true, "set");
        else if (after is null) (narrower, suffix) = (false, "unset");
        else
        {
            var stricter = Lower ? after > before : after < before;
            narrower = stricter || (after == before && exclusiveAfter && !exclusiveBefore);
            suffix = narrower == Lower ? "increased" : "decreased";
        }
        var site = pair.Site;
        var readOnlyRequest = site.Direction == Direction.Request && Sites.IsNamedProperty(site) && site.Part == SchemaPart.Property && pair.Head.ReadOnly;
        var id = (readOnlyRequest && narrower ? ids.First($"request-read-only-property-{Kind}-{suffix}") : null)
            ?? ids.For(site, $"{Kind}-{suffix}")
            ?? (suffix == "unset" ? ids.For(site, $"{Kind}-{(Lower ? "decreased" : "increased")}") : null);
        if (id is null) return;
        // The kind names exclusiveness; values say it only where it changed.
        var marked = exclusiveBefore != exclusiveAfter && before is not null && after is not null;
        var (from, to) = (Text(before, marked && exclusiveBefore), Text(after, marked && exclusiveAfter));
        var where = Sites.Describe(site);
        var message = suffix switch
        {
            "set" => $"{where} now has {("aeiou".Contains(Noun[0]) ? "an" : "a")} {Noun} of {to}",
            "unset" => $"{where} no longer has a {Noun} (was {from})",
            _ => $"{where} {Noun} {(suffix == "increased" ? "raised" : "lowered")} from {from} to {to}",
        };
        sink.Report(id, pair, message, from, to);
    }

    private static string? Text(decimal? value, bool exclusive) =>
        value is { } v ? (exclusive ? $"{Sites.Number(v)} (exclusive)" : Sites.Number(v)) : null;
}
