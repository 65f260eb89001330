using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A property kept its place but became required or optional. Requiring a request property breaks clients that
/// omit it; making a response property optional breaks clients that count on it. Read-only properties are not sent
/// and write-only ones are not returned, so those sides are exempt.
/// </summary>
public sealed class PropertyRequiredChanged : ISchemaRule
{
    public const string RequestPropertyBecameRequired = "request-property-became-required";
    public const string RequestPropertyBecameRequiredWithDefault = "request-property-became-required-with-default";
    public const string RequestPropertyBecameOptional = "request-property-became-optional";
    public const string RequestHeaderPropertyBecameRequired = "request-header-property-became-required";
    public const string ResponsePropertyBecameOptional = "response-property-became-optional";
    public const string ResponsePropertyBecameRequired = "response-property-became-required";
    public const string ResponseWriteOnlyPropertyBecameOptional = "response-write-only-property-became-optional";
    public const string ResponseWriteOnlyPropertyBecameRequired = "response-write-only-property-became-required";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(RequestPropertyBecameRequired, ChangeLevel.Err),
        new(RequestPropertyBecameRequiredWithDefault, ChangeLevel.Err),
        new(RequestPropertyBecameOptional, ChangeLevel.Info),
        new(RequestHeaderPropertyBecameRequired, ChangeLevel.Err),
        new(ResponsePropertyBecameOptional, ChangeLevel.Err),
        new(ResponsePropertyBecameRequired, ChangeLevel.Info),
        new(ResponseWriteOnlyPropertyBecameOptional, ChangeLevel.Info),
        new(ResponseWriteOnlyPropertyBecameRequired, ChangeLevel.Info),
    ];

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if ((pair.Base.Required ?? []).SequenceEqual(pair.Head.Required ?? [])) return;
        foreach (var (name, before, after) in Sites.Members(pair.Base, pair.Head))
        {
            if (before is null || after is null) continue;
            var (wasRequired, isRequired) = (Sites.Requires(pair.Base, name), Sites.Requires(pair.Head, name));
            if (wasRequired == isRequired) continue;
            var property = pair.ResolveHead(after) ?? after;
            var site = Sites.PropertyOf(pair.Site, name);
            var id = isRequired ? BecameRequired(site, property) : BecameOptional(site, property);
            if (id is null) continue;
            var (from, to) = isRequired ? ("optional", "required") : ("required", "optional");
            sink.Report(id, pair with { Site = site }, $"{Sites.Describe(site)} became {to}", from, to);
        }
    }

    private static string? BecameRequired(SchemaSite site, ApiSchema property) => (site.Direction, site.Part) switch
    {
        (Direction.Response, _) => property.WriteOnly ? ResponseWriteOnlyPropertyBecameRequired : ResponsePropertyBecameRequired,
        (Direction.Request, _) when property.ReadOnly => null,
        (Direction.Request, SchemaPart.Property) => property.Default is null ? RequestPropertyBecameRequired : RequestPropertyBecameRequiredWithDefault,
        (Direction.Request, SchemaPart.HeaderProperty) => RequestHeaderPropertyBecameRequired,
        _ => null,
    };

    private static string? BecameOptional(SchemaSite site, ApiSchema property) => (site.Direction, site.Part) switch
    {
        (Direction.Response, _) => property.WriteOnly ? ResponseWriteOnlyPropertyBecameOptional : ResponsePropertyBecameOptional,
        (Direction.Request, SchemaPart.Property) when !property.ReadOnly => RequestPropertyBecameOptional,
        _ => null,
    };
}
