using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// ASP.NET Core minimal APIs: <c>MapGet/MapPost/.../MapMethods</c> on an app or a <c>MapGroup</c> chain. Groups held in
/// locals compose here; routes mapped on a method's builder parameter (e.g. <c>MapOrdersApi(this IEndpointRouteBuilder app)</c>)
/// are relative to the scope <c>cs:method:MapOrdersApi</c>, which callers mount (<see cref="MountFact"/>) — possibly in other files.
/// </summary>
public static class MinimalApis
{
    public const string Framework = "aspnetcore";

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        ["MapGet"] = "GET", ["MapPost"] = "POST", ["MapPut"] = "PUT", ["MapDelete"] = "DELETE", ["MapPatch"] = "PATCH",
    };

    /// <summary>Builder methods that return the same builder (for prefix purposes), possibly adding versions.</summary>
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "WithTags", "WithName", "RequireAuthorization", "AllowAnonymous", "WithOpenApi", "AddEndpointFilter", "AddEndpointFilterFactory",
        "WithMetadata", "DisableAntiforgery", "WithGroupName", "RequireCors", "RequireRateLimiting", "CacheOutput", "WithDescription",
        "WithSummary", "ExcludeFromDescription", "Produces", "ProducesProblem", "ProducesValidationProblem", "HasApiVersion",
        "HasDeprecatedApiVersion", "ReportApiVersions", "IsApiVersionNeutral", "WithApiVersionSet", "NewVersionedApi", "MapToApiVersion",
        "WithDisplayName", "RequireHost", "ShortCircuit", "DisableHttpMetrics", "Accepts", "AddFluentValidationAutoValidation",
    };

    private static readonly string[] BuilderTypes = ["WebApplication", "IEndpointRouteBuilder", "RouteGroupBuilder", "IApplicationBuilder", "IVersionedEndpointRouteBuilder", "EndpointRouteBuilder"];

    /// <summary>Where a builder expression points: a scope (null = the app's root), a prefix and versions.</summary>
    private sealed record Builder(string? Scope, string Prefix, IReadOnlyList<string> Versions);

    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        // Every route and mount call has "Map" in it or calls a method with a builder parameter; most files have neither.
        var builderMethods = file.Methods.Where(HasBuilderParameter).Select(m => m.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        if (builderMethods.Count == 0 && !file.Text.Contains("Map", StringComparison.Ordinal)) return;
        var builderNames = BuilderNames(file);
        foreach (var invocation in file.Invocations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = CSharpFile.InvokedName(invocation);
            if (name is null || name == "MapGroup" || PassThrough.Contains(name)) continue;
            var receiver = CSharpFile.Receiver(invocation);
            if (receiver is not null && Verbs.TryGetValue(name, out var verb)) Map(file, sink, invocation, receiver, [verb]);
            else if (receiver is not null && name == "MapMethods") Map(file, sink, invocation, receiver, Methods(file, invocation));
            else if (name == "MapGrpcService") Grpc(file, sink, invocation);
            else if (receiver is not null && name == "MapForwarder") Forwarder(file, sink, invocation, receiver);
            else if (receiver is not null && IsBuilderExpression(receiver, builderNames)) Mount(file, sink, invocation, name, receiver);
            else if (builderMethods.Contains(name) || name.StartsWith("Map", StringComparison.Ordinal))
            {
                // A plain call MapRoutes(app) or Routes.MapRoutes(app, ...) mounts the callee's scope too.
                var argument = invocation.ArgumentList.Arguments.FirstOrDefault(a => IsBuilderExpression(a.Expression, builderNames));
                if (argument is null) continue;
                var builder = Resolve(file, argument.Expression, 0);
                sink.Mounts.Add(new MountFact(ScopeOf(name), builder.Scope, builder.Prefix, file.Line(invocation), Versions(builder.Versions)));
            }
        }
    }

    private static bool HasBuilderParameter(BaseMethodDeclarationSyntax method) =>
        method.ParameterList.Parameters.Any(p => p.Type is { } type && IsBuilderType(type));

    private static bool IsBuilderType(TypeSyntax type)
    {
        // The type's text once, not once per builder name: every parameter and local of the file is asked.
        var text = type.ToString();
        return BuilderTypes.Any(b => text.EndsWith(b, StringComparison.Ordinal));
    }

    /// <summary>
    /// Names that may hold a route builder in this file: builder-typed parameters and locals, locals initialized from
    /// Build(), MapGroup() or another builder (through chained calls), and the lambda parameter of UseEndpoints.
    /// </summary>
    private static HashSet<string> BuilderNames(CSharpFile file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in file.Methods)
            foreach (var parameter in method.ParameterList.Parameters)
                if (parameter.Type is { } type && IsBuilderType(type)) names.Add(parameter.Identifier.ValueText);
        var locals = file.Locals.Values.SelectMany(v => v).ToList();
        foreach (var variable in locals.Where(v => v.Parent is VariableDeclarationSyntax { Type: var type } && IsBuilderType(type)))
            names.Add(variable.Identifier.ValueText);
        foreach (var invocation in file.Invocations.Where(i => CSharpFile.InvokedName(i) == "UseEndpoints"))
            foreach (var lambda in invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<SimpleLambdaExpressionSyntax>())
                names.Add(lambda.Parameter.Identifier.ValueText);
        var initialized = locals.Where(v => v.Initializer is not null).ToList();
        for (var added = true; added;)
        {
            added = false;
            foreach (var variable in initialized)
                if (!names.Contains(variable.Identifier.ValueText) && MakesBuilder(variable.Initializer!.Value, names))
                    added = names.Add(variable.Identifier.ValueText);
        }
        return names;
    }

    /// <summary>An expression whose receiver chain starts at a builder or goes through Build/MapGroup/NewVersionedApi.</summary>
    private static bool MakesBuilder(ExpressionSyntax expression, HashSet<string> names)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax invocation:
                    if (CSharpFile.InvokedName(invocation) is "Build" or "MapGroup" or "NewVersionedApi") return true;
                    if (CSharpFile.Receiver(invocation) is not { } receiver) return false;
                    expression = receiver;
                    continue;
                case IdentifierNameSyntax identifier:
                    return names.Contains(identifier.Identifier.ValueText);
                default:
                    return false;
            }
        }
        return false;
    }

    public static string ScopeOf(string method) => "cs:method:" + method;

    private static IReadOnlyList<string> Methods(CSharpFile file, InvocationExpressionSyntax invocation)
    {
        var args = invocation.ArgumentList.Arguments;
        if (args.Count < 2) return [];
        return args[1].Expression.DescendantNodesAndSelf().OfType<ExpressionSyntax>()
            .Select(e => MethodName(file, e))
            .Where(m => m is not null)
            .Select(m => m!.ToUpperInvariant())
            .Distinct()
            .ToList();
    }

    /// <summary>A method in a MapMethods list: <c>"GET"</c>, or a field of <c>HttpMethods</c> / <c>HttpMethod</c> (<c>HttpMethods.Options</c>).</summary>
    private static string? MethodName(CSharpFile file, ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => file.Constants.Known(literal),
        MemberAccessExpressionSyntax { Expression: var owner, Name.Identifier.ValueText: var name }
            when owner switch { IdentifierNameSyntax id => id.Identifier.ValueText, MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText, _ => null }
                is "HttpMethods" or "HttpMethod" => name,
        _ => null,
    };

    private static void Map(CSharpFile file, FactSink sink, InvocationExpressionSyntax invocation, ExpressionSyntax receiver, IReadOnlyList<string> methods)
    {
        var args = invocation.ArgumentList.Arguments;
        if (args.Count < 2 || methods.Count == 0) return;
        var pattern = file.Constants.Evaluate(args[0].Expression);
        var builder = Resolve(file, receiver, 0);
        var handler = Handler(file, args[^1].Expression);
        var chain = Chain(invocation);
        var versions = builder.Versions.Concat(chain.Versions).Distinct().ToList();
        foreach (var method in methods)
        {
            var template = RoutePath.Join(builder.Prefix, pattern.Text);
            var (parameters, body) = HandlerContracts.Parameters(handler.Parameters, method, template, inferBodyForComplexTypes: true);
            var responses = HandlerContracts.Merge(handler.Responses.Concat(chain.Responses));
            sink.Endpoints.Add(new EndpointFact
            {
                Method = method,
                Path = template,
                Source = EndpointSources.Code,
                Framework = Framework,
                Line = file.Line(CSharpFile.NameToken(invocation)),
                Scope = builder.Scope,
                OperationId = chain.Name,
                Summary = chain.Summary,
                Tags = chain.Tags,
                Parameters = parameters,
                RequestBody = body,
                Responses = responses,
                Versions = Versions(chain.MappedVersions.Count > 0 ? chain.MappedVersions : versions),
                Handler = handler.Name,
                Deprecated = handler.Deprecated,
                Note = pattern.Complete ? null : $"route partly unknown: {pattern.Unresolved}",
                Confidence = pattern.Complete ? null : 0.5,
            });
        }
    }

    private static IReadOnlyList<string>? Versions(IReadOnlyList<string> versions) => versions.Count == 0 ? null : versions.Order(StringComparer.Ordinal).ToList();


    /// <summary>Client name of the requests a YARP direct forwarder (<c>MapForwarder</c>) sends on.</summary>
    public const string ForwarderClient = "yarp-forwarder";

    /// <summary>
    /// YARP direct forwarding, <c>app.MapForwarder(pattern, destinationPrefix[, targetPath])</c>: the pattern is a route of
    /// every method, and each request is sent on to the destination, at the target path or else at the request's own path.
    /// </summary>
    private static void Forwarder(CSharpFile file, FactSink sink, InvocationExpressionSyntax invocation, ExpressionSyntax receiver)
    {
        var args = invocation.ArgumentList.Arguments;
        if (args.Count < 2) return;
        var pattern = file.Constants.Evaluate(args[0].Expression);
        var builder = Resolve(file, receiver, 0);
        var template = RoutePath.Join(builder.Prefix, pattern.Text);
        var line = file.Line(CSharpFile.NameToken(invocation));
        sink.Endpoints.Add(new EndpointFact
        {
            Method = EndpointFact.AnyMethod,
            Path = template,
            Source = EndpointSources.Code,
            Framework = Framework,
            Kind = "proxy",
            Line = line,
            Scope = builder.Scope,
            Note = pattern.Complete ? "forwarded by YARP" : $"route partly unknown: {pattern.Unresolved}",
            Confidence = pattern.Complete ? null : 0.5,
        });
        var destination = file.Constants.Evaluate(args[1].Expression);
        // The third argument is the target path when it is text (other overloads take a request config or a transformer).
        var targetPath = args.Count > 2 && file.Constants.Evaluate(args[2].Expression) is { Complete: true } path ? path.Text : null;
        sink.CallSites.Add(new CallSiteFact
        {
            Client = ForwarderClient,
            Url = targetPath ?? template,
            Line = line,
            BaseHint = destination.Complete ? destination.Text : null,
            Unresolved = targetPath is null ? pattern.Unresolved : null,
        });
    }

    private static void Grpc(CSharpFile file, FactSink sink, InvocationExpressionSyntax invocation)
    {
        var service = CSharpFile.TypeArguments(invocation).FirstOrDefault();
        if (service is null) return;
        var name = TypeSchemas.SimpleName(service);
        sink.Endpoints.Add(new EndpointFact
        {
            Method = "POST",
            Path = $"/{name}/{{method}}",
            Source = EndpointSources.Code,
            Framework = "grpc",
            Kind = "grpc",
            Line = file.Line(CSharpFile.NameToken(invocation)),
            Handler = name,
            Note = "gRPC service: methods are declared in its .proto file",
        });
    }

    /// <summary>
    /// <c>builder.MapOrdersApi()</c> or <c>app.MapGroup("/api").MapOrdersApi()</c>: an unknown method called on a builder
    /// mounts that method's scope at the builder's prefix.
    /// </summary>
    private static void Mount(CSharpFile file, FactSink sink, InvocationExpressionSyntax invocation, string name, ExpressionSyntax receiver)
    {
        if (invocation.ArgumentList.Arguments.Any(a => a.Expression is LambdaExpressionSyntax)) return;
        if (name.StartsWith("Use", StringComparison.Ordinal) || name.StartsWith("Add", StringComparison.Ordinal) || name is "Run" or "RunAsync" or "Build") return;
        var builder = Resolve(file, receiver, 0);
        sink.Mounts.Add(new MountFact(ScopeOf(name), builder.Scope, builder.Prefix, file.Line(CSharpFile.NameToken(invocation)), Versions(builder.Versions)));
    }

    /// <summary>True when an expression is a route builder: a group, the app, or a builder-typed parameter or local.</summary>
    private static bool IsBuilderExpression(ExpressionSyntax expression, HashSet<string> builderNames) => expression switch
    {
        InvocationExpressionSyntax invocation => CSharpFile.InvokedName(invocation) is "MapGroup" or "NewVersionedApi"
            || (PassThrough.Contains(CSharpFile.InvokedName(invocation) ?? "") && CSharpFile.Receiver(invocation) is { } inner && IsBuilderExpression(inner, builderNames)),
        IdentifierNameSyntax identifier => builderNames.Contains(identifier.Identifier.ValueText),
        _ => false,
    };

    /// <summary>Follows a builder expression back through MapGroup calls, locals and parameters.</summary>
    private static Builder Resolve(CSharpFile file, ExpressionSyntax expression, int depth)
    {
        if (depth > 16) return new Builder(null, "", []);
        switch (expression)
        {
            case InvocationExpressionSyntax invocation when CSharpFile.Receiver(invocation) is { } receiver:
                var inner = Resolve(file, receiver, depth + 1);
                var name = CSharpFile.InvokedName(invocation);
                var args = invocation.ArgumentList.Arguments;
                if (name == "MapGroup" && args.Count > 0) return inner with { Prefix = RoutePath.Join(inner.Prefix, file.Constants.Evaluate(args[0].Expression).Text) };
                if (name is "HasApiVersion" or "HasDeprecatedApiVersion") return inner with { Versions = [.. inner.Versions, ApiVersion(args)] };
                return inner;
            case IdentifierNameSyntax identifier:
                return ResolveName(file, identifier, depth);
            case ParenthesizedExpressionSyntax parenthesized:
                return Resolve(file, parenthesized.Expression, depth + 1);
            default:
                return new Builder(null, "", []);
        }
    }

    private static Builder ResolveName(CSharpFile file, IdentifierNameSyntax identifier, int depth)
    {
        var name = identifier.Identifier.ValueText;
        foreach (var ancestor in identifier.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method when method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name):
                    var parameter = method.ParameterList.Parameters.First(p => p.Identifier.ValueText == name);
                    var isBuilder = parameter.Type is { } type && BuilderTypes.Any(b => type.ToString().EndsWith(b, StringComparison.Ordinal));
                    return new Builder(isBuilder ? ScopeOf(method.Identifier.ValueText) : null, "", []);
                case LambdaExpressionSyntax:
                    // endpoints => endpoints.MapGet(...) inside UseEndpoints: the app's root.
                    continue;
            }
            var declarator = ancestor is BlockSyntax or CompilationUnitSyntax or SwitchSectionSyntax ? file.LocalIn(ancestor, name, identifier.SpanStart) : null;
            if (declarator?.Initializer?.Value is { } value) return Resolve(file, value, depth + 1);
        }
        return new Builder(null, "", []);
    }

    private static string ApiVersion(SeparatedSyntaxList<ArgumentSyntax> args)
    {
        if (args.Count == 0) return "?";
        if (args[0].Expression is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax)
        {
            var inner = ((BaseObjectCreationExpressionSyntax)args[0].Expression).ArgumentList?.Arguments ?? default;
            return ApiVersion(inner);
        }
        var major = args[0].Expression.ToString().Trim('"');
        if (major.Contains('.')) return major;
        return args.Count > 1 ? $"{major}.{args[1].Expression.ToString().Trim('"')}" : $"{major}.0";
    }

    /// <summary>Metadata chained after a Map call: .WithName, .WithSummary, .WithTags, .Produces&lt;T&gt;(status), .MapToApiVersion.</summary>
    private sealed record ChainInfo(string? Name, string? Summary, IReadOnlyList<string> Tags, IReadOnlyList<ApiResponse> Responses, IReadOnlyList<string> Versions, IReadOnlyList<string> MappedVersions);

    private static ChainInfo Chain(InvocationExpressionSyntax map)
    {
        string? name = null, summary = null;
        var tags = new List<string>();
        var responses = new List<ApiResponse>();
        var versions = new List<string>();
        var mapped = new List<string>();
        SyntaxNode node = map;
        while (node.Parent is MemberAccessExpressionSyntax member && member.Parent is InvocationExpressionSyntax call && member.Expression == node)
        {
            var args = call.ArgumentList.Arguments;
            var literal = args.Count > 0 ? (args[0].Expression as LiteralExpressionSyntax)?.Token.ValueText : null;
            switch (member.Name.Identifier.ValueText)
            {
                case "WithName": name = literal; break;
                case "WithSummary": summary = literal; break;
                case "WithTags": tags.AddRange(args.Select(a => (a.Expression as LiteralExpressionSyntax)?.Token.ValueText).OfType<string>()); break;
                case "MapToApiVersion": mapped.Add(ApiVersion(args)); break;
                case "HasApiVersion": versions.Add(ApiVersion(args)); break;
                case "Produces" or "ProducesProblem" or "ProducesValidationProblem":
                    var schema = member.Name is GenericNameSyntax generic ? TypeSchemas.FromType(generic.TypeArgumentList.Arguments[0]) : null;
                    var status = args.Count > 0 ? HandlerContracts.StatusCode(args[0].Expression) : null;
                    status ??= member.Name.Identifier.ValueText == "ProducesValidationProblem" ? "400" : member.Name.Identifier.ValueText == "ProducesProblem" ? "500" : "200";
                    responses.Add(HandlerContracts.Response(status, schema));
                    break;
            }
            node = call;
        }
        return new ChainInfo(name, summary, tags, responses, versions, mapped);
    }

    private sealed record HandlerInfo(string? Name, ParameterListSyntax? Parameters, IReadOnlyList<ApiResponse> Responses, bool Deprecated);

    /// <summary>The handler's signature: a lambda, or a method group resolved to a method declared in this file.</summary>
    private static HandlerInfo Handler(CSharpFile file, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedLambdaExpressionSyntax lambda:
                var responses = lambda.ReturnType is { } declared ? HandlerContracts.FromReturnType(declared) : HandlerContracts.FromBody(lambda.Body);
                return new HandlerInfo(null, lambda.ParameterList, responses, false);
            case SimpleLambdaExpressionSyntax simple:
                return new HandlerInfo(null, SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(simple.Parameter)), HandlerContracts.FromBody(simple.Body), false);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax:
                var name = expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : expression.ToString();
                var method = file.Methods.FirstOrDefault(m => m.Identifier.ValueText == name);
                if (method is null) return new HandlerInfo(name, null, [], false);
                var fromType = HandlerContracts.FromReturnType(method.ReturnType);
                var all = fromType.Count > 0 ? fromType : HandlerContracts.FromBody(method.Body ?? (SyntaxNode?)method.ExpressionBody);
                var deprecated = CSharpFile.Attributes(method.AttributeLists).Any(a => CSharpFile.AttributeName(a) == "Obsolete");
                return new HandlerInfo(name, method.ParameterList, HandlerContracts.Merge(all.Concat(HandlerContracts.FromAttributes(method.AttributeLists))), deprecated);
            default:
                return new HandlerInfo(null, null, [], false);
        }
    }
}
