using Mesh.Engine.Model;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// An object gained or lost a property. A new required request property breaks every client that does not send it;
/// a removed response property breaks clients that read it (surely so when it was required). Read-only properties
/// are not sent in requests and write-only ones are not returned in responses, so those changes are only noted.
/// </summary>
public sealed class PropertyAddedOrRemoved : ISchemaRule
{
    public const string NewRequiredRequestProperty = "new-required-request-property";
    public const string NewRequiredRequestPropertyWithDefault = "new-required-request-property-with-default";
    public const string NewOptionalRequestProperty = "new-optional-request-property";
    public const string NewRequiredRequestHeaderProperty = "new-required-request-header-property";
    public const string RequestPropertyRemoved = "request-property-removed";
    public const string ResponseRequiredPropertyAdded = "response-required-property-added";
    public const string ResponseRequiredWriteOnlyPropertyAdded = "response-required-write-only-property-added";
    public const string ResponseOptionalPropertyAdded = "response-optional-property-added";
    public const string ResponseOptionalWriteOnlyPropertyAdded = "response-optional-write-only-property-added";
    public const string ResponseRequiredPropertyRemoved = "response-required-property-removed";
    public const string ResponseRequiredWriteOnlyPropertyRemoved = "response-required-write-only-property-removed";
    public const string ResponseOptionalPropertyRemoved = "response-optional-property-removed";
    public const string ResponseOptionalWriteOnlyPropertyRemoved = "response-optional-write-only-property-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(NewRequiredRequestProperty, ChangeLevel.Err),
        new(NewRequiredRequestPropertyWithDefault, ChangeLevel.Err),
        new(NewOptionalRequestProperty, ChangeLevel.Info),
        new(NewRequiredRequestHeaderProperty, ChangeLevel.Err),
        new(RequestPropertyRemoved, ChangeLevel.Warn),
        new(ResponseRequiredPropertyAdded, ChangeLevel.Info),
        new(ResponseRequiredWriteOnlyPropertyAdded, ChangeLevel.Info),
        new(ResponseOptionalPropertyAdded, ChangeLevel.Info),
        new(ResponseOptionalWriteOnlyPropertyAdded, ChangeLevel.Info),
        new(ResponseRequiredPropertyRemoved, ChangeLevel.Err),
        new(ResponseRequiredWriteOnlyPropertyRemoved, ChangeLevel.Info),
        new(ResponseOptionalPropertyRemoved, ChangeLevel.Warn),
        new(ResponseOptionalWriteOnlyPropertyRemoved, ChangeLevel.Info),
    ];

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        var moved = WrappedInOneOf.MovedProperties(pair);
        foreach (var (name, before, after) in Sites.Members(pair.Base, pair.Head))
        {
            if (before is not null && after is not null) continue;
            var site = Sites.PropertyOf(pair.Site, name);
            var where = Sites.Describe(site);
            if (after is not null)
            {
                var added = pair.ResolveHead(after) ?? after;
                var required = Sites.Requires(pair.Head, name);
                var id = Added(site, added, required);
                if (id is not null)
                    sink.Report(id, pair with { Site = site }, $"{(required ? "required" : "optional")} {where} was added", null, required ? "required" : "optional");
            }
            else if (!moved.Contains(name))
            {
                var removed = pair.ResolveBase(before) ?? before!;
                var required = Sites.Requires(pair.Base, name);
                var id = Removed(site, removed, required);
                if (id is not null)
                    sink.Report(id, pair with { Site = site }, $"{(required ? "required" : "optional")} {where} was removed", required ? "required" : "optional");
            }
        }
    }

    private static string? Added(SchemaSite site, ApiSchema property, bool required)
    {
        if (site.Direction == Direction.Response)
            return (required, property.WriteOnly) switch
            {
                (true, true) => ResponseRequiredWriteOnlyPropertyAdded,
                (true, false) => ResponseRequiredPropertyAdded,
                (false, true) => ResponseOptionalWriteOnlyPropertyAdded,
                (false, false) => ResponseOptionalPropertyAdded,
            };
        if (property.ReadOnly) return null;
        return site.Part switch
        {
            SchemaPart.Property when required => property.Default is null ? NewRequiredRequestProperty : NewRequiredRequestPropertyWithDefault,
            SchemaPart.Property => NewOptionalRequestProperty,
            SchemaPart.HeaderProperty when required => NewRequiredRequestHeaderProperty,
            _ => null,
        };
    }

    private static string? Removed(SchemaSite site, ApiSchema property, bool required)
    {
        if (site.Direction == Direction.Response)
            return (required, property.WriteOnly) switch
            {
                (true, true) => ResponseRequiredWriteOnlyPropertyRemoved,
                (true, false) => ResponseRequiredPropertyRemoved,
                (false, true) => ResponseOptionalWriteOnlyPropertyRemoved,
                (false, false) => ResponseOptionalPropertyRemoved,
            };
        return site.Part == SchemaPart.Property && !property.ReadOnly ? RequestPropertyRemoved : null;
    }
}
