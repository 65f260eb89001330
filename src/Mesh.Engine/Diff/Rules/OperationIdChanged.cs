namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An operation's id changed. Requests on the wire do not change, but clients generated from the spec name their
/// methods after operation ids, so regenerating them renames those methods.
/// </summary>
public sealed class OperationIdChanged : IEndpointRule
{
    public const string Added = "api-operation-id-added";
    public const string Removed = "api-operation-id-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(Added, ChangeLevel.Info),
        new(Removed, ChangeLevel.Info),
    ];

    public void Compare(EndpointPair pair, ChangeSink sink)
    {
        if (pair is not { Base: { } before, Head: { } after }) return;
        var (from, to) = (before.Fact.OperationId, after.Fact.OperationId);
        if (from == to) return;
        if (from is null)
            sink.Report(Added, pair, "operationId", $"{pair.Method} {pair.Path} got operation id '{to}'", after: to);
        else
            sink.Report(Removed, pair, "operationId", to is null
                ? $"operation id '{from}' of {pair.Method} {pair.Path} was removed"
                : $"operation id of {pair.Method} {pair.Path} changed from '{from}' to '{to}'", from, to);
    }
}
