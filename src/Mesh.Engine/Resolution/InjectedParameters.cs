using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Drops from an endpoint's request the parameters whose type names a dependency declared in another file (FastAPI's
/// <c>session: SessionDep</c> with <c>SessionDep = Annotated[Session, Depends(get_db)]</c> imported): the framework
/// injects them, the client never sends them. What stays of a body of several fields follows FastAPI's rule: one
/// field left is the body itself, none is no body.
/// </summary>
public static class InjectedParameters
{
    public static EndpointFact Drop(EndpointFact endpoint, Func<string, bool> isInjected)
    {
        bool Injected(ApiSchema? schema) => schema?.Ref is { } name && isInjected(name);

        var parameters = endpoint.Parameters.Any(p => Injected(p.Schema)) ? endpoint.Parameters.Where(p => !Injected(p.Schema)).ToList() : endpoint.Parameters;
        var body = endpoint.RequestBody;
        if (body?.Schema is { } schema)
        {
            if (Injected(schema)) body = null;
            else if (schema.Properties is { } properties && properties.Values.Any(Injected))
            {
                var kept = properties.Where(p => !Injected(p.Value)).ToList();
                var required = schema.Required ?? [];
                body = kept.Count switch
                {
                    0 => null,
                    1 => body with { Required = required.Contains(kept[0].Key), Schema = kept[0].Value },
                    _ => body with
                    {
                        Required = kept.Any(k => required.Contains(k.Key)),
                        Schema = schema with
                        {
                            Properties = kept.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal),
                            Required = required.Where(r => kept.Any(k => k.Key == r)).ToList(),
                        },
                    },
                };
            }
        }
        return ReferenceEquals(parameters, endpoint.Parameters) && body == endpoint.RequestBody ? endpoint : endpoint with { Parameters = parameters, RequestBody = body };
    }
}
