using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>
/// An operation with nothing to compare: the same resolved endpoint on both sides (its facts come from the same cached
/// file) and, for every named schema it reaches, the same schema at base and head. Most operations of a working-tree
/// diff are such; skipping them keeps a one-file diff of a large repo from walking every schema again.
/// </summary>
internal static class UnchangedOperation
{
    public static bool Is(EndpointVersion before, EndpointVersion after)
    {
        if (!before.Endpoint.Equals(after.Endpoint)) return false;
        if (ReferenceEquals(before.Schemas, after.Schemas)) return true;
        var pending = new Stack<ApiSchema>(before.Fact.Schemas());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var schema))
        {
            if (schema.Ref is { } name)
            {
                if (!seen.Add(name)) continue;
                var (was, now) = (before.Schemas.Schemas.GetValueOrDefault(name), after.Schemas.Schemas.GetValueOrDefault(name));
                // Records compare nested lists by reference: a schema rebuilt by the resolver (a generic instantiation) is compared as text.
                if (!ReferenceEquals(was, now) && !Equals(was, now) && !SchemaText.Same(was, now)) return false;
                if (was is not null) pending.Push(was);
                continue;
            }
            foreach (var child in schema.Subschemas()) pending.Push(child);
        }
        return true;
    }
}
