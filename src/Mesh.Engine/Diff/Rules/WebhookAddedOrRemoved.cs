namespace Mesh.Engine.Diff.Rules;

/// <summary>A document's webhook (an event the API calls its subscribers with) went away — breaking for them — or is new.</summary>
public sealed class WebhookAddedOrRemoved : IDocumentRule
{
    public const string Added = "webhook-added";
    public const string Removed = "webhook-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Info),
        new(Removed, ChangeLevel.Err),
    ];

    public void Compare(DocumentPair pair, ChangeSink sink)
    {
        var (before, after) = (pair.Base.Fact.Webhooks, pair.Head.Fact.Webhooks);
        foreach (var name in before.Except(after, StringComparer.Ordinal))
            sink.ReportDocument(Removed, pair, $"webhooks {name}", $"webhook '{name}' of {pair.File} was removed: its subscribers no longer get it", name);
        foreach (var name in after.Except(before, StringComparer.Ordinal))
            sink.ReportDocument(Added, pair, $"webhooks {name}", $"webhook '{name}' was added to {pair.File}", after: name);
    }
}
