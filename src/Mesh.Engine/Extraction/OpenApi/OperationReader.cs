using Mesh.Engine.Model;
using Microsoft.OpenApi;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>Turns each operation of a read document into an <see cref="EndpointFact"/> (webhooks are not endpoints).</summary>
internal sealed class OperationReader(
    SchemaConverter schemas, KeyLines lines, DiagnosticSink diagnostics, string framework, string? basePath, Swagger2ExternalRefs externalRefs)
{
    public IReadOnlyList<EndpointFact> Read(OpenApiDocument document, CancellationToken cancellationToken)
    {
        var endpoints = new List<EndpointFact>();
        var globalSecurity = Security(document.Security);
        foreach (var (path, item) in document.Paths ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pathPointer = KeyLines.Child("/paths", path);
            var operations = Guarded(() => item?.Operations, $"path '{path}'", lines.LineOf(pathPointer));
            if (operations is null) continue;
            var shared = Guarded(() => item!.Parameters, $"the parameters of path '{path}'", lines.LineOf(pathPointer));
            foreach (var (method, operation) in operations)
            {
                var line = lines.LineOf(KeyLines.Child(pathPointer, method.Method.ToLowerInvariant()));
                if (line == 0) line = lines.LineOf(pathPointer);
                var where = $"{method.Method.ToUpperInvariant()} {path}";
                endpoints.Add(new EndpointFact
                {
                    Method = method.Method.ToUpperInvariant(),
                    Path = path,
                    Source = EndpointSources.OpenApi,
                    Framework = framework,
                    Line = line,
                    BasePath = basePath,
                    OperationId = operation.OperationId,
                    Summary = operation.Summary,
                    Tags = operation.Tags is { Count: > 0 } tags ? [.. tags.Select(t => t.Name ?? t.Reference.Id ?? "")] : [],
                    Parameters = Parameters(shared, operation.Parameters, line, where),
                    RequestBody = Guarded(() => RequestBody(operation.RequestBody, line), $"the request body of {where}", line),
                    Responses = Responses(operation.Responses, line, where),
                    Deprecated = operation.Deprecated,
                    Sunset = ExtensionValues.Text(operation.Extensions, "x-sunset"),
                    Stability = ExtensionValues.Text(operation.Extensions, "x-stability-level"),
                    Security = operation.Security is null ? globalSecurity : Security(operation.Security),
                    SecurityInherited = operation.Security is null && globalSecurity is not null,
                });
            }
        }
        return [.. endpoints.OrderBy(e => e.Line).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>Path-level parameters apply to every operation unless the operation redeclares the same name and location.</summary>
    private IReadOnlyList<ApiParameter> Parameters(IList<IOpenApiParameter>? shared, IList<IOpenApiParameter>? own, int line, string where)
    {
        var ownParameters = (own ?? []).Select(p => Guarded(() => Parameter(p, line), $"a parameter of {where}", line)).OfType<ApiParameter>().ToList();
        var owned = ownParameters.Select(p => (p.Name, p.In)).ToHashSet();
        var inherited = (shared ?? []).Select(p => Guarded(() => Parameter(p, line), $"a parameter of {where}", line)).OfType<ApiParameter>()
            .Where(p => !owned.Contains((p.Name, p.In))).Select(p => p with { PathLevel = true });
        return [.. inherited, .. ownParameters];
    }

    /// <summary>
    /// Reads one part of a document that may follow a <c>$ref</c>. Microsoft.OpenApi throws on a <c>$ref</c> chain that loops
    /// back on itself (responses, parameters, request bodies, headers, path items): that part is left out with a diagnostic
    /// naming the cycle, and the rest of the operation and of the file is kept.
    /// </summary>
    private T? Guarded<T>(Func<T?> read, string what, int line)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e) when (OpenApiExtractor.IsRefCycle(e))
        {
            diagnostics.Once(DiagnosticSeverity.Warning, $"{e.Message.TrimEnd('.')}: a $ref chain must end in a definition; {what} is left out", line);
            return default;
        }
    }

    private ApiParameter? Parameter(IOpenApiParameter parameter, int line)
    {
        if (IsUnresolved(parameter, line)) return null;
        var schema = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
        return new ApiParameter(
            parameter.Name ?? "",
            parameter.In?.ToString().ToLowerInvariant() ?? "",
            parameter.Required,
            schemas.ConvertOptional(schema),
            parameter.Deprecated,
            parameter.Description,
            ExtensionValues.Text(parameter.Extensions, "x-sunset"));
    }

    /// <summary>Requirements as sorted text (see <see cref="EndpointFact.Security"/>); null when not declared.</summary>
    private static IReadOnlyList<string>? Security(IList<OpenApiSecurityRequirement>? requirements)
    {
        if (requirements is null) return null;
        return [.. requirements
            .Select(requirement => requirement.Count == 0 ? "{}" : string.Join(" + ", requirement
                .Select(scheme => (Name: scheme.Key.Reference.Id ?? "", Scopes: scheme.Value ?? []))
                .OrderBy(scheme => scheme.Name, StringComparer.Ordinal)
                .Select(scheme => scheme.Scopes.Count == 0 ? scheme.Name
                    : $"{scheme.Name}[{string.Join(' ', scheme.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}]")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private ApiRequestBody? RequestBody(IOpenApiRequestBody? body, int line)
    {
        if (body is null || IsUnresolved(body, line)) return null;
        var (contentTypes, schema) = Content(body.Content);
        return new ApiRequestBody(body.Required, contentTypes, schema);
    }

    private IReadOnlyList<ApiResponse> Responses(OpenApiResponses? responses, int line, string where)
    {
        if (responses is null) return [];
        var result = new List<ApiResponse>(responses.Count);
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            // A response whose $ref cannot be read keeps its status: the operation still answers it.
            result.Add(Guarded(() => Response(status, response, line, where), $"response {status} of {where}", line) ?? new ApiResponse(status, null, [], null));
        }
        return result;
    }

    private ApiResponse Response(string status, IOpenApiResponse response, int line, string where)
    {
        if (IsUnresolved(response, line)) return new ApiResponse(status, null, [], null);
        var (contentTypes, schema) = Content(response.Content);
        var headers = response.Headers is { Count: > 0 } h
            ? h.OrderBy(header => header.Key, StringComparer.Ordinal)
                .Select(header => Guarded(() => Header(header.Key, header.Value), $"header {header.Key} of response {status} of {where}", line) ?? new ApiHeader(header.Key))
                .ToList()
            : null;
        return new ApiResponse(status, response.Description, contentTypes, schema, headers);
    }

    private ApiHeader Header(string name, IOpenApiHeader? header) =>
        header is null || header is OpenApiHeaderReference { UnresolvedReference: true } ? new ApiHeader(name)
            : new ApiHeader(name, header.Required, schemas.ConvertOptional(header.Schema ?? header.Content?.Values.FirstOrDefault()?.Schema), header.Deprecated);

    /// <summary>Content types sorted; the schema is the JSON media type's, else the first one's.</summary>
    private (IReadOnlyList<string> ContentTypes, ApiSchema? Schema) Content(IDictionary<string, IOpenApiMediaType>? content)
    {
        if (content is null || content.Count == 0) return ([], null);
        var types = content.Keys.Order(StringComparer.Ordinal).ToList();
        return (types, schemas.ConvertOptional(content[MediaTypes.Primary(types)!]?.Schema));
    }

    private bool IsUnresolved(object element, int line)
    {
        var pointer = element switch
        {
            OpenApiParameterReference { UnresolvedReference: true } r => r.Reference.ReferenceV3,
            OpenApiRequestBodyReference { UnresolvedReference: true } r => r.Reference.ReferenceV3,
            OpenApiResponseReference { UnresolvedReference: true } r => r.Reference.ReferenceV3,
            _ => null,
        };
        if (pointer is null) return false;
        diagnostics.Once(DiagnosticSeverity.Warning, $"unresolved reference '{externalRefs.Text(pointer)}'", line);
        return true;
    }
}
