using Mesh.Engine.Model;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Diff;

/// <summary>
/// Attaches to each change the linked call sites of its operation, with a verdict per consumer. The consumers are those
/// that reached the operation at base (<paramref name="before"/>), whatever revision the index holds: the call sites a
/// change can break are the ones written against the old contract; an operation added at head has those of head. Where a consumer's
/// code declares the type it reads (or sends), a property change that type cannot see is lowered, with the evidence:
/// a removed response field nobody reads is a warning, not an error; a request field that became required is
/// harmless to a consumer that already sends it.
/// </summary>
public sealed class ChangeImpact(IGraphStore store, OperationConsumers before, OperationConsumers after)
{
    private readonly Dictionary<string, SchemaTable> _codeTypes = new(StringComparer.Ordinal);

    public IReadOnlyList<Change> Attach(IReadOnlyList<Change> changes) =>
        [.. changes.Select(c => c.EndpointId is null ? c : c with { Affected = Affected(c) })];

    private List<AffectedConsumer> Affected(Change change)
    {
        var affected = new List<AffectedConsumer>();
        foreach (var consumer in ConsumersOf(change.EndpointId!))
        {
            var call = consumer.CallSite;
            var (level, evidence) = Judge(change, call);
            affected.Add(new AffectedConsumer(call.Id, call.Repo, call.File, call.Line, call.Fact.Method ?? "?", call.Fact.Url, call.IsTest, level,
                $"{evidence} (linked: {consumer.Link.Reason}, score {consumer.Link.Score:0.00})"));
        }
        return [.. affected.OrderByDescending(a => a.Level).ThenBy(a => a.Repo, StringComparer.Ordinal).ThenBy(a => a.File, StringComparer.Ordinal).ThenBy(a => a.Line)];
    }

    private (ChangeLevel Level, string Evidence) Judge(Change change, CallSite call)
    {
        if (change.Site is not { PropertyPath: { } path } site || change.Level == ChangeLevel.Info)
            return (change.Level, "calls this operation");
        var declared = site.Direction == Direction.Response ? call.Fact.ResponseSchema : call.Fact.RequestSchema;
        if (declared is null || site.Part is not SchemaPart.Property) return (change.Level, "calls this operation; the fields it uses are not known");
        var types = CodeTypesOf(call.Repo);
        var typeName = declared.Ref ?? declared.Items?.Ref ?? "its declared type";
        var uses = Uses(types, declared, path);
        return (site.Direction, uses) switch
        {
            (_, null) => (change.Level, $"calls this operation; whether {typeName} has '{path}' is not known"),
            (Direction.Response, false) => (Lower(change.Level), $"reads {typeName}, which has no '{path}'"),
            (Direction.Response, true) => (change.Level, $"reads '{path}' through {typeName}"),
            (Direction.Request, true) when IsRequirementChange(change.Rule) => (ChangeLevel.Info, $"already sends '{path}' through {typeName}"),
            (Direction.Request, false) when IsRequirementChange(change.Rule) => (change.Level, $"sends {typeName}, which has no '{path}'"),
            (Direction.Request, true) => (change.Level, $"sends '{path}' through {typeName}"),
            (Direction.Request, false) => (Lower(change.Level), $"sends {typeName}, which has no '{path}'"),
            _ => (change.Level, "calls this operation"),
        };
    }

    /// <summary>A change a consumer provably does not touch is still worth a look (the consumer may read it untyped elsewhere).</summary>
    private static ChangeLevel Lower(ChangeLevel level) => level == ChangeLevel.Err ? ChangeLevel.Warn : level;

    private static bool IsRequirementChange(string rule) =>
        rule.Contains("became-required", StringComparison.Ordinal) || rule.StartsWith("new-required-", StringComparison.Ordinal);

    /// <summary>Does the consumer's type reach <paramref name="path"/> (<c>items[].price</c>)? Null when its shape is open or unknown.</summary>
    private static bool? Uses(SchemaTable types, ApiSchema declared, string path)
    {
        var schema = types.Resolve(declared);
        foreach (var segment in Segments(path))
        {
            if (schema is null) return null;
            if (segment == "[]")
            {
                schema = types.Resolve(schema.Items);
                continue;
            }
            if (segment.StartsWith('/')) return null;
            if (schema.Properties is null || schema.Properties.Count == 0) return null;
            var match = schema.Properties.FirstOrDefault(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase));
            if (match.Value is null) return false;
            schema = types.Resolve(match.Value);
        }
        return true;
    }

    private static IEnumerable<string> Segments(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var arrays = 0;
            while (name.EndsWith("[]", StringComparison.Ordinal))
            {
                name = name[..^2];
                arrays++;
            }
            if (name.Length > 0) yield return name;
            for (var i = 0; i < arrays; i++) yield return "[]";
        }
    }

    private IReadOnlyList<Consumer> ConsumersOf(string endpointId) => before.Has(endpointId) ? before.Of(endpointId) : after.Of(endpointId);

    private SchemaTable CodeTypesOf(string repo)
    {
        if (_codeTypes.TryGetValue(repo, out var table)) return table;
        return _codeTypes[repo] = EndpointVersions.CodeTypes(store.Surface(repo)?.Schemas ?? []);
    }
}
