using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>
/// Walks the schemas of an operation present at base and head — parameters, request body, response bodies and headers —
/// and hands every schema present on both sides to the schema rules, down through properties, items and
/// composed subschemas. Added and removed members are the business of the rule looking at their parent.
/// </summary>
internal sealed class SchemaWalker(IReadOnlyList<ISchemaRule> rules, ChangeSink sink)
{
    /// <summary>Nesting is cut here; named schemas that recur are cut where they recur.</summary>
    private const int MaxDepth = 48;

    /// <summary>
    /// Pairs of named schemas whose members were walked once without a single report, per direction and property kind:
    /// walking them again under another operation or property says nothing new. Without this, shared schemas are
    /// walked once per path that reaches them, which is exponential on real specs (Stripe).
    /// </summary>
    private readonly HashSet<(Direction, SchemaPart, string?, string?)> _quiet = [];

    /// <summary>
    /// Named schema pairs already walked in this operation, per direction and property kind. A pair that does report
    /// something is not quiet, and shared schemas reach each other as a web (Stripe's expandable fields): walking it
    /// on every path multiplies the same findings without end (millions for Stripe). Each named pair is compared and
    /// walked once per operation instead, at the first place the walk meets it (where its findings are reported).
    /// </summary>
    private readonly HashSet<(Direction, SchemaPart, string?, string?)> _walked = [];

    public void Walk(EndpointPair pair)
    {
        _walked.Clear();
        var (before, after) = (pair.Base!.Fact, pair.Head!.Fact);
        foreach (var (b, h) in ParameterPairs.Matched(before, after))
        {
            var isHeader = b.In == "header";
            var site = new SchemaSite(Direction.Request, SchemaPart.Parameter, $"{b.In} parameter {b.Name}")
            {
                ParameterIn = b.In,
                ParameterName = b.Name,
            };
            Visit(pair, site, b.Schema, h.Schema, null, null, isHeader ? SchemaPart.HeaderProperty : SchemaPart.ParameterProperty, [], 0);
        }
        if (before.RequestBody is { } bodyBefore && after.RequestBody is { } bodyAfter && MediaTypes.SchemasComparable(bodyBefore.ContentTypes, bodyAfter.ContentTypes))
            Visit(pair, new SchemaSite(Direction.Request, SchemaPart.Body, "request body"), bodyBefore.Schema, bodyAfter.Schema, null, null, SchemaPart.Property, [], 0);
        foreach (var responseBefore in before.Responses)
        {
            var responseAfter = after.Responses.FirstOrDefault(r => r.Status == responseBefore.Status);
            if (responseAfter is null) continue;
            if (MediaTypes.SchemasComparable(responseBefore.ContentTypes, responseAfter.ContentTypes))
            {
                var site = new SchemaSite(Direction.Response, SchemaPart.Body, $"response {responseBefore.Status} body") { Status = responseBefore.Status };
                Visit(pair, site, responseBefore.Schema, responseAfter.Schema, null, null, SchemaPart.Property, [], 0);
            }
            foreach (var headerBefore in responseBefore.Headers ?? [])
            {
                var headerAfter = responseAfter.Headers?.FirstOrDefault(h => ResponseHeaders.SameName(h.Name, headerBefore.Name));
                if (headerAfter is null) continue;
                var site = new SchemaSite(Direction.Response, SchemaPart.Header, $"response {responseBefore.Status} header {headerBefore.Name}")
                {
                    Status = responseBefore.Status,
                    ParameterIn = "header",
                    ParameterName = headerBefore.Name,
                };
                Visit(pair, site, headerBefore.Schema, headerAfter.Schema, null, null, SchemaPart.HeaderProperty, [], 0);
            }
        }
    }

    private void Visit(EndpointPair pair, SchemaSite site, ApiSchema? before, ApiSchema? after, ApiSchema? parentBefore, ApiSchema? parentAfter,
        SchemaPart propertyPart, HashSet<(string?, string?)> references, int depth)
    {
        if (depth > MaxDepth || before is null || after is null) return;
        var reference = (before.Ref, after.Ref);
        var named = reference != (null, null);
        if (named && !references.Add(reference)) return;
        try
        {
            var b = pair.Base!.Resolve(before);
            var h = pair.Head!.Resolve(after);
            if (b is null || h is null) return;
            (b, h) = Unwrap(pair, b, h);
            var memo = (site.Direction, propertyPart, before.Ref, after.Ref);
            if (named && !_walked.Add(memo)) return;
            var schemaPair = new SchemaPair(pair, site, b, h) { BaseParent = parentBefore, HeadParent = parentAfter };
            foreach (var rule in rules) rule.Compare(schemaPair, sink);
            if (named && _quiet.Contains(memo)) return;
            var reportedBefore = sink.Reported;

            foreach (var (name, propertyBefore) in b.Properties ?? Empty)
            {
                if (h.Properties?.TryGetValue(name, out var propertyAfter) != true) continue;
                Visit(pair, Child(site, propertyPart, name, Join(site.PropertyPath, name)), propertyBefore, propertyAfter, b, h, propertyPart, references, depth + 1);
            }
            if (b.Items is not null && h.Items is not null)
                Visit(pair, Child(site, propertyPart, site.PropertyName, (site.PropertyPath ?? "") + "[]"), b.Items, h.Items, parentBefore, parentAfter, propertyPart, references, depth + 1);
            if (b.AdditionalProperties is not null && h.AdditionalProperties is not null)
                Visit(pair, Child(site, propertyPart, site.PropertyName, (site.PropertyPath ?? "") + "{}"), b.AdditionalProperties, h.AdditionalProperties, parentBefore, parentAfter, propertyPart, references, depth + 1);
            // oasdiff walks into `not` too (the corpus asks for it); NotSubschemaChanged also reports the change as a whole.
            if (b.Not is not null && h.Not is not null)
                Visit(pair, site with { PropertyPath = (site.PropertyPath ?? "") + "/not" }, b.Not, h.Not, parentBefore, parentAfter, propertyPart, references, depth + 1);
            VisitComposed(pair, site, "allOf", b.AllOf, h.AllOf, parentBefore, parentAfter, propertyPart, references, depth);
            VisitComposed(pair, site, "oneOf", b.OneOf, h.OneOf, parentBefore, parentAfter, propertyPart, references, depth);
            VisitComposed(pair, site, "anyOf", b.AnyOf, h.AnyOf, parentBefore, parentAfter, propertyPart, references, depth);
            VisitKeywords2020(pair, site, b, h, parentBefore, parentAfter, propertyPart, references, depth);
            if (named && sink.Reported == reportedBefore) _quiet.Add(memo);
        }
        finally
        {
            if (named) references.Remove(reference);
        }
    }

    /// <summary>
    /// <c>anyOf</c>/<c>oneOf</c> of one schema and <c>null</c> (how OpenAPI 3.1 and pydantic write an optional value) is
    /// that schema, nullable. It is unwrapped when the other side is plain or wrapped alike, so rules compare the
    /// schemas and see a nullability change, not a composition change.
    /// </summary>
    private static (ApiSchema Before, ApiSchema After) Unwrap(EndpointPair pair, ApiSchema before, ApiSchema after)
    {
        var (wrappedBefore, wrappedAfter) = (NullableWrapped(pair.Base!, before), NullableWrapped(pair.Head!, after));
        static bool Composed(ApiSchema s) => s.OneOf is not null || s.AnyOf is not null;
        return (
            wrappedBefore is not null && (wrappedAfter is not null || !Composed(after)) ? wrappedBefore : before,
            wrappedAfter is not null && (wrappedBefore is not null || !Composed(before)) ? wrappedAfter : after);
    }

    private static ApiSchema? NullableWrapped(EndpointVersion version, ApiSchema schema)
    {
        if ((schema.AnyOf is null) == (schema.OneOf is null)) return null;
        var alternatives = schema.AnyOf ?? schema.OneOf!;
        var annotations = schema with { AnyOf = null, OneOf = null, Title = null, Default = null, Deprecated = false, ReadOnly = false, WriteOnly = false, Nullable = false };
        if (alternatives.Count < 2 || annotations != new ApiSchema()) return null;
        var values = alternatives.Where(a => !(a.Nullable && a with { Nullable = false } == new ApiSchema())).ToList();
        if (values.Count != 1 || version.Resolve(values[0]) is not { } value) return null;
        return value with
        {
            Nullable = true,
            ReadOnly = value.ReadOnly || schema.ReadOnly,
            WriteOnly = value.WriteOnly || schema.WriteOnly,
            Deprecated = value.Deprecated || schema.Deprecated,
            Default = value.Default ?? schema.Default,
        };
    }

    /// <summary>Subschemas are the same when they name the same schema; unnamed ones pair by position.</summary>
    private void VisitComposed(EndpointPair pair, SchemaSite site, string keyword, IReadOnlyList<ApiSchema>? before, IReadOnlyList<ApiSchema>? after,
        ApiSchema? parentBefore, ApiSchema? parentAfter, SchemaPart propertyPart, HashSet<(string?, string?)> references, int depth)
    {
        if (before is null || after is null) return;
        var unnamedAfter = after.Where(s => s.Ref is null).ToList();
        var unnamedIndex = 0;
        for (var i = 0; i < before.Count; i++)
        {
            var b = before[i];
            var h = b.Ref is { } name ? after.FirstOrDefault(s => s.Ref == name) : unnamedIndex < unnamedAfter.Count ? unnamedAfter[unnamedIndex++] : null;
            if (h is null) continue;
            var label = $"/{keyword}[{b.Ref ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            var child = site with { PropertyPath = (site.PropertyPath ?? "") + label };
            Visit(pair, child, b, h, parentBefore, parentAfter, propertyPart, references, depth + 1);
        }
    }

    /// <summary>
    /// JSON Schema 2020-12 subschemas present on both sides, each constraining values the way its parent does.
    /// <c>if</c> and <c>not</c> are not walked: a condition is neither narrower nor wider, and inside <c>not</c> every
    /// change reads backwards; their rules compare them whole.
    /// </summary>
    private void VisitKeywords2020(EndpointPair pair, SchemaSite site, ApiSchema b, ApiSchema h, ApiSchema? parentBefore, ApiSchema? parentAfter,
        SchemaPart propertyPart, HashSet<(string?, string?)> references, int depth)
    {
        var path = site.PropertyPath ?? "";
        void Same(string label, ApiSchema? before, ApiSchema? after) =>
            Visit(pair, site with { PropertyPath = path + label }, before, after, parentBefore, parentAfter, propertyPart, references, depth + 1);
        void Item(string label, ApiSchema? before, ApiSchema? after) =>
            Visit(pair, Child(site, propertyPart, site.PropertyName, path + label), before, after, parentBefore, parentAfter, propertyPart, references, depth + 1);
        void Member(string label, ApiSchema? before, ApiSchema? after) =>
            Visit(pair, Child(site, propertyPart, null, path + label), before, after, b, h, propertyPart, references, depth + 1);

        Same("/then", b.Then, h.Then);
        Same("/else", b.Else, h.Else);
        Same("/contentSchema", b.ContentSchema, h.ContentSchema);
        foreach (var (name, schema) in b.DependentSchemas ?? Empty)
            Same($"/dependentSchemas[{name}]", schema, h.DependentSchemas?.GetValueOrDefault(name));
        for (var i = 0; i < Math.Min(b.PrefixItems?.Count ?? 0, h.PrefixItems?.Count ?? 0); i++)
            Item($"[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", b.PrefixItems![i], h.PrefixItems![i]);
        Item("/contains", b.Contains, h.Contains);
        Item("/unevaluatedItems", b.UnevaluatedItems, h.UnevaluatedItems);
        foreach (var (pattern, schema) in b.PatternProperties ?? Empty)
            Member($"/patternProperties[{pattern}]", schema, h.PatternProperties?.GetValueOrDefault(pattern));
        Member("/unevaluatedProperties", b.UnevaluatedProperties, h.UnevaluatedProperties);
    }

    private static SchemaSite Child(SchemaSite site, SchemaPart part, string? name, string path) =>
        site with { Part = part, PropertyName = name, PropertyPath = path };

    private static string Join(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

    private static readonly IReadOnlyDictionary<string, ApiSchema> Empty = new Dictionary<string, ApiSchema>();
}
