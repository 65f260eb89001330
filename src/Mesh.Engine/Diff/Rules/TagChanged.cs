namespace Mesh.Engine.Diff.Rules;

/// <summary>An operation gained or lost a tag (how documentation and generated clients group it).</summary>
public sealed class TagChanged : IEndpointRule
{
    public const string Added = "api-tag-added";
    public const string Removed = "api-tag-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Info),
        new(Removed, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base: { } before, Head: { } after }) return;
        foreach (var tag in before.Fact.Tags.Except(after.Fact.Tags, StringComparer.Ordinal))
            sink.Report(Removed, pair, $"tag {tag}", $"tag '{tag}' was removed from {pair.Method} {pair.Path}", tag);
        foreach (var tag in after.Fact.Tags.Except(before.Fact.Tags, StringComparer.Ordinal))
            sink.Report(Added, pair, $"tag {tag}", $"tag '{tag}' was added to {pair.Method} {pair.Path}", after: tag);
    }
}
