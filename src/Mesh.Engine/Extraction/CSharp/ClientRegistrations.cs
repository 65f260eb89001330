using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// Where clients point, from DI registrations in any file: <c>AddHttpClient&lt;T&gt;</c>, named <c>AddHttpClient("x")</c>,
/// <c>AddRefitClient&lt;T&gt;</c> and <c>RestService.For&lt;T&gt;(url)</c>, with the base address set in their configure
/// lambdas or a chained <c>ConfigureHttpClient</c>; and services an Aspire app host declares with <c>AddProject</c>.
/// </summary>
internal static class ClientRegistrations
{
    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var invocation in file.Invocations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (CSharpFile.InvokedName(invocation))
            {
                case "AddHttpClient" or "AddRefitClient" when Scope(file, invocation) is { } scope:
                    if (BaseAddress(file, invocation) is { } hint)
                        sink.ClientBindings.Add(new ClientBindingFact(scope, hint, file.Line(CSharpFile.NameToken(invocation))));
                    break;
                case "For" when CSharpFile.Receiver(invocation)?.ToString() is "RestService" or "Refit.RestService"
                    && CSharpFile.TypeArguments(invocation) is [var api] && invocation.ArgumentList.Arguments is [var address, ..]
                    && BaseHints.Of(file, address.Expression) is { } restHint:
                    sink.ClientBindings.Add(new ClientBindingFact(TypeSchemas.SimpleName(api), restHint, file.Line(CSharpFile.NameToken(invocation))));
                    break;
                case "AddProject" when Service(file, invocation) is { } service:
                    sink.Services.Add(service);
                    break;
            }
        }
    }

    /// <summary>The implementation class of a typed client (last type argument), else the name of a named client.</summary>
    private static string? Scope(CSharpFile file, InvocationExpressionSyntax invocation)
    {
        if (CSharpFile.TypeArguments(invocation) is { Count: > 0 } types) return TypeSchemas.SimpleName(types[^1]);
        return invocation.ArgumentList.Arguments is [var name, ..] && name.Expression is not LambdaExpressionSyntax
            ? file.Constants.Known(name.Expression)
            : null;
    }

    /// <summary>The first <c>x.BaseAddress = ...</c> in lambdas of the registration or of calls chained on it.</summary>
    private static string? BaseAddress(CSharpFile file, InvocationExpressionSyntax registration)
    {
        foreach (var call in Chain(registration))
        {
            foreach (var argument in call.ArgumentList.Arguments)
            {
                if (argument.Expression is not AnonymousFunctionExpressionSyntax lambda) continue;
                var assignment = lambda.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>()
                    .FirstOrDefault(a => a.IsKind(SyntaxKind.SimpleAssignmentExpression) && a.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BaseAddress" });
                if (assignment is not null && BaseHints.Of(file, assignment.Right) is { } hint) return hint;
            }
        }
        return null;
    }

    /// <summary>The registration and the calls chained on its result: <c>.AddHttpClient&lt;T&gt;().ConfigureHttpClient(...).AddStandardResilienceHandler()</c>.</summary>
    private static IEnumerable<InvocationExpressionSyntax> Chain(InvocationExpressionSyntax registration)
    {
        for (SyntaxNode? node = registration; node is InvocationExpressionSyntax call; node = node.Parent?.Parent)
        {
            yield return call;
            if (node.Parent is not MemberAccessExpressionSyntax) yield break;
        }
    }

    /// <summary><c>builder.AddProject&lt;Projects.Catalog_Api&gt;("catalog-api")</c> → catalog-api served by Catalog.Api.</summary>
    private static ServiceDeclarationFact? Service(CSharpFile file, InvocationExpressionSyntax invocation)
    {
        var args = invocation.ArgumentList.Arguments;
        if (args.Count == 0 || file.Constants.Known(args[0].Expression) is not { } name) return null;
        string? project = null;
        if (CSharpFile.TypeArguments(invocation) is [var type])
            project = (type is QualifiedNameSyntax qualified ? qualified.Right.ToString() : type.ToString()).Replace('_', '.');
        else if (args.Count > 1 && file.Constants.Known(args[1].Expression) is { } path)
            project = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').TrimEnd('/'));
        return project is null ? null : new ServiceDeclarationFact(name, project, file.Line(CSharpFile.NameToken(invocation)));
    }
}
