namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A named component schema went away. Operations that used it report what changed for them; this is news for
/// generated clients and documents that refer to the schema by name.
/// </summary>
public sealed class ComponentSchemaRemoved : IDocumentRule
{
    public const string Removed = "api-schema-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } = [new(Removed, ChangeLevel.Info)];

    public void Compare(DocumentPair pair, ChangeSink sink)
    {
        foreach (var name in pair.Base.Schemas.Schemas.Keys.Where(n => !pair.Head.Schemas.Schemas.ContainsKey(n)))
            sink.ReportDocument(Removed, pair, $"components schemas {name}", $"component schema '{name}' was removed from {pair.File}", name);
    }
}
