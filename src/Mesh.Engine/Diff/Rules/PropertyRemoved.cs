namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// A property of an object schema is gone. Clients that read a required response property break; an optional one
/// they had to expect missing anyway; a request property clients still send may be rejected or ignored.
/// </summary>
public sealed class PropertyRemoved : ISchemaRule
{
    public const string ResponseRequired = "response-required-property-removed";
    public const string ResponseOptional = "response-optional-property-removed";
    public const string Request = "request-property-removed";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(ResponseRequired, ChangeLevel.Err),
        new(ResponseOptional, ChangeLevel.Warn),
        new(Request, ChangeLevel.Warn),
    ];

    public void Compare(SchemaPair pair, ChangeSink sink)
    {
        if (pair.Base.Properties is not { Count: > 0 } before || pair.Site.Part is not (SchemaPart.Body or SchemaPart.Property)) return;
        foreach (var (name, schema) in before)
        {
            if (pair.Head.Properties?.ContainsKey(name) == true) continue;
            var resolved = pair.ResolveBase(schema);
            if (pair.Site.Direction == Direction.Request)
            {
                if (resolved?.ReadOnly == true) continue;
                sink.ReportProperty(Request, pair, name, $"request property '{name}' was removed from {pair.Site.Location}");
            }
            else
            {
                if (resolved?.WriteOnly == true) continue;
                var required = pair.Base.Required?.Contains(name) == true;
                sink.ReportProperty(required ? ResponseRequired : ResponseOptional, pair, name,
                    $"{(required ? "required" : "optional")} response property '{name}' was removed from {pair.Site.Location}");
            }
        }
    }
}
