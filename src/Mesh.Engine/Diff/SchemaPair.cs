using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

public enum Direction
{
    /// <summary>What clients send: narrowing it breaks them.</summary>
    Request,
    /// <summary>What clients read: widening it may break them.</summary>
    Response,
}

/// <summary>Which part of an operation a schema describes; with <see cref="Direction"/> it gives a rule id its prefix.</summary>
public enum SchemaPart
{
    Body,
    Property,
    Parameter,
    ParameterProperty,
    Header,
    HeaderProperty,
}

/// <summary>Where in an operation a schema sits: a root (<c>response 200 body</c>, <c>query parameter limit</c>) and a property path below it.</summary>
public sealed record SchemaSite(Direction Direction, SchemaPart Part, string Root)
{
    /// <summary>What users read, e.g. <c>response 200 body .items[].price</c>.</summary>
    public string Location => PropertyPath is null ? Root
        : Root + " " + (PropertyPath.StartsWith('[') || PropertyPath.StartsWith('/') ? PropertyPath : "." + PropertyPath);

    /// <summary>Response status code for response sites.</summary>
    public string? Status { get; init; }

    /// <summary>Parameter location (<c>path</c>, <c>query</c>, <c>header</c>, <c>cookie</c>) and name for parameter sites; header name for header sites.</summary>
    public string? ParameterIn { get; init; }
    public string? ParameterName { get; init; }

    /// <summary>Property path below the body, parameter or header, e.g. <c>items[].price</c>; null at the root.</summary>
    public string? PropertyPath { get; init; }

    /// <summary>The name of the property this site is (its last path segment), null at the root.</summary>
    public string? PropertyName { get; init; }

    /// <summary>Rule id for this site: <c>request-property-</c> + <paramref name="suffix"/>, <c>response-body-</c> + …</summary>
    public string Id(string suffix) => $"{Prefix}-{suffix}";

    public string Prefix => (Direction, Part) switch
    {
        (Direction.Request, SchemaPart.Body) => "request-body",
        (Direction.Request, SchemaPart.Property) => "request-property",
        (Direction.Request, SchemaPart.Parameter) => "request-parameter",
        (Direction.Request, SchemaPart.ParameterProperty) => "request-parameter-property",
        (Direction.Request, SchemaPart.Header) => "request-header",
        (Direction.Request, SchemaPart.HeaderProperty) => "request-header-property",
        (Direction.Response, SchemaPart.Body) => "response-body",
        (Direction.Response, SchemaPart.Property) => "response-property",
        (Direction.Response, SchemaPart.Header) => "response-header",
        (Direction.Response, SchemaPart.HeaderProperty) => "response-header-property",
        _ => $"{Direction.ToString().ToLowerInvariant()}-{Part.ToString().ToLowerInvariant()}",
    };

    public bool IsProperty => Part is SchemaPart.Property or SchemaPart.ParameterProperty or SchemaPart.HeaderProperty;
}

/// <summary>
/// A schema present at base and head at the same site, references resolved. <see cref="BaseParent"/> and
/// <see cref="HeadParent"/> are the object schemas holding the property (for <c>required</c>), null at a root.
/// </summary>
public sealed record SchemaPair(EndpointPair Endpoint, SchemaSite Site, ApiSchema Base, ApiSchema Head)
{
    public ApiSchema? BaseParent { get; init; }
    public ApiSchema? HeadParent { get; init; }

    public bool RequiredAtBase => Site.PropertyName is { } name && BaseParent?.Required?.Contains(name) == true;
    public bool RequiredAtHead => Site.PropertyName is { } name && HeadParent?.Required?.Contains(name) == true;

    public ApiSchema? ResolveBase(ApiSchema? schema) => Endpoint.Base?.Resolve(schema);
    public ApiSchema? ResolveHead(ApiSchema? schema) => Endpoint.Head?.Resolve(schema);
}
