namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A polymorphic schema's discriminator was added, removed, renamed, or its value-to-schema mapping changed. Clients
/// that pick the concrete type by the discriminator (generated SDKs do) must follow; oasdiff notes these as changelog.
/// </summary>
public sealed class DiscriminatorChanged : ISchemaRule
{
    private static readonly string[] Prefixes = ["request-body", "request-property", "response-body", "response-property"];
    private static readonly string[] Changes = ["added", "removed", "property-name-changed", "mapping-added", "mapping-deleted", "mapping-changed"];

    private readonly SiteIds _ids = new([.. Changes.SelectMany(c => SiteIds.Each($"discriminator-{c}", ChangeLevel.Info, Prefixes))]);

    public IReadOnlyList<RuleInfo> Ids => _ids.All;

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base, pair.Head);
        if (before.Discriminator is null && after.Discriminator is null) return;
        var where = Sites.Describe(pair.Site);
        switch (before.Discriminator, after.Discriminator)
        {
            case (null, null):
                return;
            case (null, { } name):
                Report(pair, sink, "added", $"{where} now has the discriminator '{name}'", null, name);
                return;
            case ({ } name, null):
                Report(pair, sink, "removed", $"{where} no longer has the discriminator '{name}'", name, null);
                return;
            case ({ } from, { } to) when from != to:
                Report(pair, sink, "property-name-changed", $"{where} discriminator property renamed from '{from}' to '{to}'", from, to);
                break;
        }
        var (was, now) = (before.DiscriminatorMapping ?? Empty, after.DiscriminatorMapping ?? Empty);
        var deleted = was.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var added = now.Keys.Where(k => !was.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var changed = was.Keys.Where(k => now.TryGetValue(k, out var target) && target != was[k]).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
            Report(pair, sink, "mapping-added", $"{where} discriminator now maps {Keys(added, now)}", null, string.Join(", ", added));
        if (deleted.Count > 0)
            Report(pair, sink, "mapping-deleted", $"{where} discriminator no longer maps {Keys(deleted, was)}", string.Join(", ", deleted), null);
        foreach (var key in changed)
            Report(pair, sink, "mapping-changed", $"{where} discriminator value '{key}' now selects '{now[key]}' instead of '{was[key]}'", was[key], now[key]);
    }

    private void Report(SchemaPair pair, ChangeSink sink, string change, string message, string? before, string? after)
    {
        if (_ids.For(pair.Site, $"discriminator-{change}") is { } id) sink.Report(id, pair, message, before, after);
    }

    private static string Keys(IEnumerable<string> keys, IReadOnlyDictionary<string, string> mapping) =>
        string.Join(", ", keys.Select(k => $"'{k}' (to '{mapping[k]}')"));

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
