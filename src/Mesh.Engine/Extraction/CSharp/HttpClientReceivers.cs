using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>What a call's receiver is: an HttpClient or not, the client scope its requests go through, and a base address set where it was made.</summary>
internal sealed record HttpClientReceiver(bool IsHttpClient, string? ClientScope = null, string? BaseHint = null)
{
    public static readonly HttpClientReceiver No = new(false);
}

/// <summary>
/// Decides by syntax whether a receiver is an <c>HttpClient</c>: by its declared type when the file shows it, by how it
/// was made (<c>IHttpClientFactory.CreateClient</c>, <c>new HttpClient</c>), else by a conventional name.
/// </summary>
internal static class HttpClientReceivers
{
    public static HttpClientReceiver Classify(CSharpFile file, ExpressionSyntax receiver)
    {
        receiver = Declarations.Strip(receiver);
        if (Made(file, receiver) is { } made) return made;
        var name = Declarations.SimpleName(receiver);
        if (name is null)
            return receiver is MemberAccessExpressionSyntax member && IsConventionalName(member.Name.Identifier.ValueText) ? new(true) : HttpClientReceiver.No;
        var declaration = Declarations.Find(file, receiver, name);
        if (declaration is null) return IsConventionalName(name) ? new(true) : HttpClientReceiver.No;
        if (declaration.WrittenType is { } type && !IsHttpClientType(type)) return HttpClientReceiver.No;
        if (declaration.Value is { } value && Made(file, Declarations.Strip(value)) is { } madeThere)
            return madeThere;
        if (declaration.WrittenType is null) return IsConventionalName(name) ? new(true) : HttpClientReceiver.No;
        return new(true, TypedClientScope(file, declaration));
    }

    public static bool IsHttpClientType(TypeSyntax type) => type.ToString().TrimEnd('?') is "HttpClient" or "System.Net.Http.HttpClient";

    /// <summary><c>_client</c>, <c>client</c>, <c>http</c>, <c>_httpClient</c>, <c>catalogHttpClient</c>...</summary>
    private static bool IsConventionalName(string name)
    {
        var bare = name.TrimStart('_').ToLowerInvariant();
        return bare is "client" or "http" or "httpclient" || bare.Contains("httpclient", StringComparison.Ordinal);
    }

    /// <summary>A client made right here: <c>factory.CreateClient("catalog")</c> or <c>new HttpClient { BaseAddress = ... }</c>.</summary>
    private static HttpClientReceiver? Made(CSharpFile file, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax invocation when CSharpFile.InvokedName(invocation) == "CreateClient" && CSharpFile.Receiver(invocation) is not null:
                var args = invocation.ArgumentList.Arguments;
                return new(true, args.Count > 0 ? file.Constants.Known(args[0].Expression) : null);
            case ObjectCreationExpressionSyntax creation when IsHttpClientType(creation.Type):
                return new(true, null, BaseAddress(file, creation.Initializer));
            case ImplicitObjectCreationExpressionSyntax implicitCreation when implicitCreation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: var type } } } && IsHttpClientType(type):
                return new(true, null, BaseAddress(file, implicitCreation.Initializer));
            default:
                return null;
        }
    }

    private static string? BaseAddress(CSharpFile file, InitializerExpressionSyntax? initializer) =>
        initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .Where(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "BaseAddress" })
            .Select(a => BaseHints.Of(file, a.Right)).FirstOrDefault(h => h is not null);

    /// <summary>
    /// A typed client: an HttpClient field, property or constructor parameter of a class gets that class as its scope,
    /// unless the class fills the field from a named client (<c>_http = factory.CreateClient("catalog")</c>).
    /// </summary>
    private static string? TypedClientScope(CSharpFile file, Declaration declaration)
    {
        var type = declaration.Node.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (type is null) return null;
        switch (declaration.Kind)
        {
            case DeclarationKind.Member:
                var named = type.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                    .Where(a => Declarations.SimpleName(a.Left) == declaration.Name)
                    .Select(a => Made(file, Declarations.Strip(a.Right)))
                    .FirstOrDefault(m => m is not null);
                return named is not null ? named.ClientScope : type.Identifier.ValueText;
            case DeclarationKind.PrimaryParameter:
                return type.Identifier.ValueText;
            case DeclarationKind.Parameter when declaration.Node.Parent?.Parent is ConstructorDeclarationSyntax:
                return type.Identifier.ValueText;
            default:
                return null;
        }
    }
}
