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
        foreach (var invocation in file.Root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = CSharpFile.InvokedName(invocation);
            if (name is null || CSharpFile.Receiver(invocation) is not { } receiver) continue;
            if (Verbs.TryGetValue(name, out var verb)) Map(file, sink, invocation, receiver, [verb]);
            else if (name == "MapMethods") Map(file, sink, invocation, receiver, Methods(file, invocation));
            else if (name == "MapGrpcService") Grpc(file, sink, invocation);
            else if (name != "MapGroup" && !PassThrough.Contains(name)) Mount(file, sink, invocation, name, receiver);
        }
        foreach (var invocation in file.Root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            // A plain call MapRoutes(app) or Routes.MapRoutes(app, ...) mounts the callee's scope too.
            if (CSharpFile.InvokedName(invocation) is not { } name || Verbs.ContainsKey(name) || PassThrough.Contains(name) || name is "MapGroup" or "MapMethods") continue;
            if (CSharpFile.Receiver(invocation) is { } receiver && IsBuilderExpression(file, receiver)) continue;
            var argument = invocation.ArgumentList.Arguments.FirstOrDefault(a => IsBuilderExpression(file, a.Expression));
            if (argument is null || !DeclaresBuilderParameter(file, name)) continue;
            var builder = Resolve(file, argument.Expression, 0);
            sink.Mounts.Add(new MountFact(ScopeOf(name), builder.Scope, builder.Prefix, file.Line(invocation), Versions(builder.Versions)));
        }
    }

    public static string ScopeOf(string method) => "cs:method:" + method;

    private static IReadOnlyList<string> Methods(CSharpFile file, InvocationExpressionSyntax invocation)
    {
        var args = invocation.ArgumentList.Arguments;
        if (args.Count < 2) return [];
        return args[1].Expression.DescendantNodesAndSelf().OfType<ExpressionSyntax>()
            .Select(e => file.Constants.Known(e as LiteralExpressionSyntax))
            .Where(m => m is not null)
            .Select(m => m!.ToUpperInvariant())
            .Distinct()
            .ToList();
    }

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
                Line = file.Line(NameToken(invocation)),
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

    private static SyntaxToken NameToken(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax member ? member.Name.Identifier : invocation.GetFirstToken();

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
            Line = file.Line(NameToken(invocation)),
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
        if (!IsBuilderExpression(file, receiver) || invocation.ArgumentList.Arguments.Any(a => a.Expression is LambdaExpressionSyntax)) return;
        if (name.StartsWith("Use", StringComparison.Ordinal) || name.StartsWith("Add", StringComparison.Ordinal) || name is "Run" or "RunAsync" or "Build") return;
        var builder = Resolve(file, receiver, 0);
        sink.Mounts.Add(new MountFact(ScopeOf(name), builder.Scope, builder.Prefix, file.Line(NameToken(invocation)), Versions(builder.Versions)));
    }

    /// <summary>True when an expression is a route builder: a group, the app, or a builder-typed parameter or local.</summary>
    private static bool IsBuilderExpression(CSharpFile file, ExpressionSyntax expression) => expression switch
    {
        InvocationExpressionSyntax invocation => CSharpFile.InvokedName(invocation) is "MapGroup" or "NewVersionedApi"
            || (PassThrough.Contains(CSharpFile.InvokedName(invocation) ?? "") && CSharpFile.Receiver(invocation) is { } inner && IsBuilderExpression(file, inner)),
        IdentifierNameSyntax identifier => IsBuilderName(file, identifier),
        _ => false,
    };

    private static bool IsBuilderName(CSharpFile file, IdentifierNameSyntax identifier)
    {
        var name = identifier.Identifier.ValueText;
        foreach (var ancestor in identifier.Ancestors())
        {
            switch (ancestor)
            {
                case BaseMethodDeclarationSyntax method when method.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == name) is { } parameter:
                    return parameter.Type is { } type && BuilderTypes.Any(b => type.ToString().EndsWith(b, StringComparison.Ordinal));
                case LocalFunctionStatementSyntax local when local.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == name) is { } localParameter:
                    return localParameter.Type is { } localType && BuilderTypes.Any(b => localType.ToString().EndsWith(b, StringComparison.Ordinal));
            }
            var declarator = Local(ancestor, name, identifier.SpanStart);
            if (declarator?.Initializer?.Value is { } value)
                return IsBuilderExpression(file, value) || value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } }
                    || (declarator.Parent is VariableDeclarationSyntax { Type: var declared } && BuilderTypes.Any(b => declared.ToString().EndsWith(b, StringComparison.Ordinal)));
        }
        return false;
    }

    private static bool DeclaresBuilderParameter(CSharpFile file, string method) =>
        file.Root.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == method
            && m.ParameterList.Parameters.Any(p => p.Type is { } t && BuilderTypes.Any(b => t.ToString().EndsWith(b, StringComparison.Ordinal))))
        || char.IsUpper(method[0]) && method.StartsWith("Map", StringComparison.Ordinal);

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
            var declarator = Local(ancestor, name, identifier.SpanStart);
            if (declarator?.Initializer?.Value is { } value) return Resolve(file, value, depth + 1);
        }
        return new Builder(null, "", []);
    }

    /// <summary>The declaration of a local named <paramref name="name"/> in this block or statement list, before <paramref name="position"/>.</summary>
    private static VariableDeclaratorSyntax? Local(SyntaxNode scope, string name, int position)
    {
        IEnumerable<StatementSyntax> statements = scope switch
        {
            BlockSyntax block => block.Statements,
            CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement),
            SwitchSectionSyntax section => section.Statements,
            _ => [],
        };
        return statements.Where(s => s.SpanStart < position).OfType<LocalDeclarationStatementSyntax>()
            .SelectMany(s => s.Declaration.Variables).LastOrDefault(v => v.Identifier.ValueText == name);
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
                var method = file.Root.DescendantNodes().OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == name);
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
