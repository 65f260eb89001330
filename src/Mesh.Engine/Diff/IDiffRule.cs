namespace Mesh.Engine.Diff;

/// <summary>A rule of the catalog: the ids it can report, each with its default level.</summary>
public interface IDiffRule
{
    IReadOnlyList<RuleInfo> Ids { get; }
}

/// <summary>Compares one operation at base and head; either side is null when the operation was added or removed.</summary>
public interface IEndpointRule : IDiffRule
{
    void Compare(EndpointPair pair, ChangeSink sink);
}

/// <summary>Compares one schema present at base and head, at a site (request body, a response property, a parameter…).</summary>
public interface ISchemaRule : IDiffRule
{
    void Compare(SchemaPair pair, ChangeSink sink);
}

/// <summary>
/// Compares one API description document at base and head, outside its operations (webhooks, security schemes,
/// component schemas, its version). Runs after the operation rules, so it may judge what they found.
/// </summary>
public interface IDocumentRule : IDiffRule
{
    void Compare(DocumentPair pair, ChangeSink sink);
}
