using Mesh.Engine.Extraction.CSharp;
using Mesh.Engine.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Mesh.Engine.Resolution;

/// <summary>
/// The repo-wide table of types declared in code. Keeps the types that endpoints and call sites reach (a repo declares
/// many classes that are not DTOs) and instantiates generic ones they use, e.g. <c>PaginatedItems&lt;CatalogItem&gt;</c>
/// from the declaration <c>PaginatedItems&lt;T&gt;</c>.
/// </summary>
public static class CodeSchemas
{
    private const int MaxSchemas = 10_000;

    public static IReadOnlyList<NamedSchema> Reachable(IReadOnlyList<NamedSchema> declared, IEnumerable<ApiSchema?> roots)
    {
        var table = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
        foreach (var schema in declared.OrderBy(s => s.File, StringComparer.Ordinal)) table.TryAdd(schema.Name, schema);
        var templates = declared.Where(s => s.Name.Contains('<'))
            .GroupBy(s => (BaseName(s.Name), Arguments(s.Name).Count))
            .ToDictionary(g => g.Key, g => g.First());

        var kept = new SortedDictionary<string, NamedSchema>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots.SelectMany(References));
        while (pending.Count > 0 && kept.Count < MaxSchemas)
        {
            var name = pending.Pop();
            if (kept.ContainsKey(name)) continue;
            var found = table.GetValueOrDefault(name) ?? Instantiate(name, templates);
            if (found is null) continue;
            kept[name] = found;
            foreach (var reference in References(found.Schema)) pending.Push(reference);
        }
        return kept.Values.ToList();
    }

    private static NamedSchema? Instantiate(string name, Dictionary<(string, int), NamedSchema> templates)
    {
        if (!name.Contains('<')) return null;
        var arguments = Arguments(name);
        if (!templates.TryGetValue((BaseName(name), arguments.Count), out var template)) return null;
        var parameters = Arguments(template.Name);
        var substitutions = parameters.Zip(arguments)
            .ToDictionary(p => p.First, p => TypeSchemas.FromType(SyntaxFactory.ParseTypeName(p.Second)), StringComparer.Ordinal);
        return new NamedSchema(template.File, name, Substitute(template.Schema, substitutions), template.Source);
    }

    private static ApiSchema Substitute(ApiSchema schema, IReadOnlyDictionary<string, ApiSchema> map)
    {
        if (schema.Ref is { } name) return map.TryGetValue(name, out var replacement) ? replacement : schema;
        return schema with
        {
            Properties = schema.Properties?.ToDictionary(p => p.Key, p => Substitute(p.Value, map), StringComparer.Ordinal) is { } props
                ? new SortedDictionary<string, ApiSchema>(props, StringComparer.Ordinal) : null,
            Items = schema.Items is null ? null : Substitute(schema.Items, map),
            AdditionalProperties = schema.AdditionalProperties is null ? null : Substitute(schema.AdditionalProperties, map),
            OneOf = schema.OneOf?.Select(s => Substitute(s, map)).ToList(),
            AnyOf = schema.AnyOf?.Select(s => Substitute(s, map)).ToList(),
            AllOf = schema.AllOf?.Select(s => Substitute(s, map)).ToList(),
        };
    }

    /// <summary>Names referenced anywhere inside a schema.</summary>
    public static IEnumerable<string> References(ApiSchema? schema)
    {
        if (schema is null) yield break;
        if (schema.Ref is { } name)
        {
            yield return name;
            yield break;
        }
        foreach (var child in schema.Subschemas())
            foreach (var reference in References(child)) yield return reference;
    }

    private static string BaseName(string name) => name.Split('<')[0];

    /// <summary>Top-level generic arguments of <c>A&lt;B,C&lt;D,E&gt;&gt;</c>: B and C&lt;D,E&gt;.</summary>
    private static List<string> Arguments(string name)
    {
        var open = name.IndexOf('<');
        if (open < 0 || !name.EndsWith('>')) return [];
        var inner = name[(open + 1)..^1];
        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '<') depth++;
            else if (inner[i] == '>') depth--;
            else if (inner[i] == ',' && depth == 0)
            {
                arguments.Add(inner[start..i].Trim());
                start = i + 1;
            }
        }
        arguments.Add(inner[start..].Trim());
        return arguments;
    }
}
