using Mesh.Engine.Extraction.CSharp;
using Mesh.Engine.Model;

namespace Mesh.Engine.Resolution;

/// <summary>
/// Expands <c>[AsParameters]</c> parameter bags into the parameters they bind: each data property of the type becomes a
/// route parameter when the route names it, else a query parameter. Injected services in the bag are left out; a bag
/// whose type is not declared in the repo is dropped.
/// </summary>
public static class ParameterBags
{
    public static EndpointFact Expand(EndpointFact fact, IReadOnlyDictionary<string, ApiSchema> types)
    {
        if (!fact.Parameters.Any(p => p.In == ApiParameter.Bag)) return fact;
        var route = HandlerContracts.RouteParameters(fact.Path);
        var parameters = new List<ApiParameter>();
        foreach (var parameter in fact.Parameters)
        {
            if (parameter.In != ApiParameter.Bag)
            {
                parameters.Add(parameter);
                continue;
            }
            var bag = parameter.Schema?.Ref is { } name ? types.GetValueOrDefault(name) : null;
            foreach (var (property, schema) in bag?.Properties ?? new Dictionary<string, ApiSchema>())
            {
                if (schema.Ref is { } type && HandlerContracts.IsService(type)) continue;
                var inRoute = route.ContainsKey(property);
                parameters.Add(new ApiParameter(property, inRoute ? "path" : "query",
                    inRoute || bag!.Required?.Contains(property) == true, schema));
            }
        }
        return fact with { Parameters = parameters.DistinctBy(p => (p.Name.ToLowerInvariant(), p.In)).OrderBy(p => p.In == "path" ? 0 : 1).ToList() };
    }
}
