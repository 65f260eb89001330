using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// What an ASP.NET Core handler takes and returns, read from its signature: parameters bound by the framework's
/// rules (explicit <c>[From*]</c> attributes, route names, simple types from the query, complex types from the body,
/// services skipped) and responses from typed results, <c>ActionResult&lt;T&gt;</c>, plain returns and attributes.
/// </summary>
public static class HandlerContracts
{
    private static readonly HashSet<string> Services = new(StringComparer.Ordinal)
    {
        "HttpContext", "HttpRequest", "HttpResponse", "CancellationToken", "ClaimsPrincipal", "IServiceProvider", "ILogger",
        "IConfiguration", "IWebHostEnvironment", "IHostEnvironment", "LinkGenerator", "IMediator", "ISender", "IMapper",
        "IFormCollection", "PipeReader", "Stream",
    };

    private static readonly HashSet<string> BodyMethods = new(StringComparer.Ordinal) { "POST", "PUT", "PATCH" };

    /// <summary>Route parameter names of a template: <c>{id:int}</c> → id, <c>{*path}</c> → path, <c>{id?}</c> → id (optional).</summary>
    public static IReadOnlyDictionary<string, bool> RouteParameters(string template)
    {
        var names = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while ((i = template.IndexOf('{', i)) >= 0)
        {
            var end = template.IndexOf('}', i);
            if (end < 0) break;
            var inner = template[(i + 1)..end].TrimStart('*');
            var optional = inner.EndsWith('?') || inner.Contains('=');
            var name = inner.Split(':', '=', '?')[0];
            if (name.Length > 0) names[name] = !optional;
            i = end + 1;
        }
        return names;
    }

    public static (IReadOnlyList<ApiParameter> Parameters, ApiRequestBody? Body) Parameters(
        ParameterListSyntax? list, string method, string template, bool inferBodyForComplexTypes)
    {
        var parameters = new List<ApiParameter>();
        ApiRequestBody? body = null;
        if (list is null) return (parameters, body);
        var route = RouteParameters(template);
        foreach (var parameter in list.Parameters)
        {
            if (parameter.Type is null) continue;
            var attributes = CSharpFile.Attributes(parameter.AttributeLists).Select(CSharpFile.AttributeName).ToHashSet(StringComparer.Ordinal);
            var typeName = TypeSchemas.SimpleName(parameter.Type).TrimEnd('?');
            if (attributes.Contains("FromServices") || attributes.Contains("FromKeyedServices") || IsService(typeName)) continue;
            if (attributes.Contains("AsParameters"))
            {
                // The type usually lives in another file: the resolver expands its properties (ParameterBags).
                parameters.Add(new ApiParameter(parameter.Identifier.ValueText, ApiParameter.Bag, false, TypeSchemas.FromType(parameter.Type)));
                continue;
            }
            var name = parameter.Identifier.ValueText;
            var schema = TypeSchemas.FromType(parameter.Type);
            var optional = schema.Nullable || parameter.Default is not null;
            var wireName = TypeSchemas.JsonName(name, parameter.AttributeLists);
            if (attributes.Contains("FromBody") || (typeName is "IFormFile" or "IFormFileCollection") || attributes.Contains("FromForm"))
            {
                var form = attributes.Contains("FromForm") || typeName.StartsWith("IFormFile", StringComparison.Ordinal);
                body = new ApiRequestBody(!optional, [form ? "multipart/form-data" : "application/json"], schema);
            }
            else if (attributes.Contains("FromHeader"))
            {
                parameters.Add(new ApiParameter(Explicit(parameter, "FromHeader") ?? name, "header", !optional, schema));
            }
            else if (attributes.Contains("FromRoute") || route.ContainsKey(name))
            {
                var routeName = Explicit(parameter, "FromRoute") ?? name;
                parameters.Add(new ApiParameter(routeName, "path", route.GetValueOrDefault(routeName, true), schema));
            }
            else if (attributes.Contains("FromQuery") || IsSimple(schema) || !inferBodyForComplexTypes || !BodyMethods.Contains(method))
            {
                if (!attributes.Contains("FromQuery") && !IsSimple(schema) && !BodyMethods.Contains(method) && schema.IsReference) continue;
                parameters.Add(new ApiParameter(Explicit(parameter, "FromQuery") ?? wireName, "query", !optional && parameter.Default is null && !schema.Nullable && TypeSchemas.IsValueType(parameter.Type), schema));
            }
            else
            {
                body = new ApiRequestBody(!optional, ["application/json"], schema);
            }
        }
        return (parameters.OrderBy(p => p.In == "path" ? 0 : 1).ToList(), body);
    }

    private static string? Explicit(ParameterSyntax parameter, string attribute)
    {
        var found = CSharpFile.Attributes(parameter.AttributeLists).FirstOrDefault(a => CSharpFile.AttributeName(a) == attribute);
        return found is null ? null : (CSharpFile.Argument(found, 0, "Name")?.Expression as LiteralExpressionSyntax)?.Token.ValueText;
    }

    /// <summary>Types the framework injects rather than binds from the request, by name.</summary>
    public static bool IsService(string typeName) =>
        Services.Contains(typeName) || typeName.StartsWith("ILogger", StringComparison.Ordinal)
        || (typeName.Length > 1 && typeName[0] == 'I' && char.IsUpper(typeName[1]) && !typeName.StartsWith("IForm", StringComparison.Ordinal)
            && !typeName.StartsWith("IEnumerable", StringComparison.Ordinal) && !typeName.StartsWith("IList", StringComparison.Ordinal)
            && !typeName.StartsWith("IReadOnly", StringComparison.Ordinal) && !typeName.StartsWith("ICollection", StringComparison.Ordinal))
        || typeName.EndsWith("Service", StringComparison.Ordinal) || typeName.EndsWith("Services", StringComparison.Ordinal)
        || typeName.EndsWith("Context", StringComparison.Ordinal) || typeName.EndsWith("Repository", StringComparison.Ordinal);

    private static bool IsSimple(ApiSchema schema) =>
        !schema.IsReference && schema.Types is { Count: 1 } types && types[0] is "string" or "integer" or "number" or "boolean"
        || schema is { Types: ["array"], Items: { } items } && IsSimple(items);

    /// <summary>Responses from a declared return type (<c>Task&lt;Results&lt;Ok&lt;T&gt;, NotFound&gt;&gt;</c>, <c>ActionResult&lt;T&gt;</c>, <c>T</c>).</summary>
    public static List<ApiResponse> FromReturnType(TypeSyntax? type)
    {
        var responses = new List<ApiResponse>();
        if (type is null) return responses;
        type = Unwrap(type, "Task", "ValueTask");
        switch (type)
        {
            case PredefinedTypeSyntax { Keyword.ValueText: "void" }:
                responses.Add(Response("200", null));
                break;
            case IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" or "IResult" or "IActionResult" or "ActionResult" }:
                break;
            case GenericNameSyntax { Identifier.ValueText: "Results" } results:
                foreach (var result in results.TypeArgumentList.Arguments) responses.AddRange(TypedResult(result));
                break;
            case GenericNameSyntax { Identifier.ValueText: "ActionResult" } actionResult:
                responses.Add(Response("200", TypeSchemas.FromType(actionResult.TypeArgumentList.Arguments[0])));
                break;
            default:
                var typed = TypedResult(type).ToList();
                responses.AddRange(typed.Count > 0 ? typed : [Response("200", TypeSchemas.FromType(type))]);
                break;
        }
        return responses;
    }

    private static TypeSyntax Unwrap(TypeSyntax type, params string[] wrappers) =>
        type is GenericNameSyntax generic && wrappers.Contains(generic.Identifier.ValueText) && generic.TypeArgumentList.Arguments.Count == 1
            ? generic.TypeArgumentList.Arguments[0]
            : type is QualifiedNameSyntax qualified ? Unwrap(qualified.Right, wrappers) : type;

    private static readonly Dictionary<string, string> ResultStatus = new(StringComparer.Ordinal)
    {
        ["Ok"] = "200", ["Created"] = "201", ["CreatedAtRoute"] = "201", ["Accepted"] = "202", ["AcceptedAtRoute"] = "202",
        ["NoContent"] = "204", ["BadRequest"] = "400", ["ValidationProblem"] = "400", ["UnauthorizedHttpResult"] = "401",
        ["ForbidHttpResult"] = "403", ["NotFound"] = "404", ["Conflict"] = "409", ["UnprocessableEntity"] = "422",
        ["ProblemHttpResult"] = "500", ["InternalServerError"] = "500", ["FileContentHttpResult"] = "200", ["PhysicalFileHttpResult"] = "200",
        ["RedirectHttpResult"] = "302", ["JsonHttpResult"] = "200",
    };

    private static IEnumerable<ApiResponse> TypedResult(TypeSyntax type)
    {
        var simple = type is QualifiedNameSyntax q ? q.Right : type;
        switch (simple)
        {
            case GenericNameSyntax generic when ResultStatus.TryGetValue(generic.Identifier.ValueText, out var status):
                yield return Response(status, TypeSchemas.FromType(generic.TypeArgumentList.Arguments[0]));
                break;
            case IdentifierNameSyntax identifier when ResultStatus.TryGetValue(identifier.Identifier.ValueText, out var status):
                yield return Response(status, null);
                break;
        }
    }

    public static ApiResponse Response(string status, ApiSchema? schema) =>
        new(status, null, schema is null ? [] : ["application/json"], schema);

    /// <summary>
    /// Statuses a handler body returns through <c>TypedResults.X(...)</c> / <c>Results.X(...)</c> / <c>Ok(...)</c>, when no
    /// type says; the body's schema when the value is written as <c>new T(...)</c> or the call names <c>X&lt;T&gt;</c>.
    /// </summary>
    public static List<ApiResponse> FromBody(SyntaxNode? body)
    {
        if (body is null) return [];
        var statuses = new SortedDictionary<string, ApiSchema?>(StringComparer.Ordinal);
        foreach (var invocation in body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            var name = CSharpFile.InvokedName(invocation);
            var receiver = CSharpFile.Receiver(invocation)?.ToString();
            if (name is null || (receiver is not null && receiver is not ("TypedResults" or "Results"))) continue;
            if (!ResultStatus.TryGetValue(name, out var status)) continue;
            var schema = ValueSchema(invocation);
            if (!statuses.TryGetValue(status, out var known) || known is null) statuses[status] = schema;
        }
        return statuses.Select(s => Response(s.Key, s.Value)).ToList();
    }

    private static ApiSchema? ValueSchema(InvocationExpressionSyntax invocation)
    {
        var callee = invocation.Expression is MemberAccessExpressionSyntax member ? member.Name : invocation.Expression as SimpleNameSyntax;
        if (callee is GenericNameSyntax { TypeArgumentList.Arguments: [var typeArgument] }) return TypeSchemas.FromType(typeArgument);
        return invocation.ArgumentList.Arguments.LastOrDefault()?.Expression is ObjectCreationExpressionSyntax { Type: var created }
            ? TypeSchemas.FromType(created)
            : null;
    }

    /// <summary>[ProducesResponseType(typeof(T), 200)], [ProducesResponseType&lt;T&gt;(200)], [ProducesResponseType(StatusCodes.Status404NotFound)].</summary>
    public static IEnumerable<ApiResponse> FromAttributes(SyntaxList<AttributeListSyntax> lists)
    {
        foreach (var attribute in CSharpFile.Attributes(lists))
        {
            if (CSharpFile.AttributeName(attribute) != "ProducesResponseType") continue;
            ApiSchema? schema = null;
            if (attribute.Name is GenericNameSyntax generic) schema = TypeSchemas.FromType(generic.TypeArgumentList.Arguments[0]);
            string? status = null;
            foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
            {
                switch (argument.Expression)
                {
                    case TypeOfExpressionSyntax typeOf:
                        schema = TypeSchemas.FromType(typeOf.Type);
                        break;
                    case var expression when StatusCode(expression) is { } code:
                        status = code;
                        break;
                }
            }
            if (status is not null) yield return Response(status, schema);
        }
    }

    /// <summary><c>200</c>, <c>StatusCodes.Status404NotFound</c> or <c>HttpStatusCode.NotFound</c> as a status string.</summary>
    public static string? StatusCode(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return literal.Token.ValueText;
            case MemberAccessExpressionSyntax member:
                var name = member.Name.Identifier.ValueText;
                if (name.StartsWith("Status", StringComparison.Ordinal) && name.Length >= 9 && int.TryParse(name.AsSpan(6, 3), out var code)) return code.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Enum.TryParse<System.Net.HttpStatusCode>(name, out var status) ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            default:
                return null;
        }
    }

    /// <summary>Merges responses by status: a later one with a schema fills an earlier one without.</summary>
    public static IReadOnlyList<ApiResponse> Merge(IEnumerable<ApiResponse> responses) =>
        responses.GroupBy(r => r.Status)
            .Select(g => g.FirstOrDefault(r => r.Schema is not null) ?? g.First())
            .OrderBy(r => r.Status, StringComparer.Ordinal)
            .ToList();
}
