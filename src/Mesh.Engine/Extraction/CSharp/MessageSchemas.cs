using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>What an HTTP call sends and reads, from the types the syntax shows: bodies, type arguments, <c>ReadFromJsonAsync&lt;T&gt;</c>.</summary>
internal static class MessageSchemas
{
    private static readonly HashSet<string> NotBodies = new(StringComparer.Ordinal)
    {
        "HttpContent", "StringContent", "ByteArrayContent", "StreamContent", "MultipartFormDataContent", "FormUrlEncodedContent",
        "JsonContent", "HttpRequestMessage", "HttpResponseMessage", "object", "Object", "dynamic", "CancellationToken",
    };

    /// <summary>A type as a schema, unless it is a type parameter of the code around it or not a data type.</summary>
    public static ApiSchema? Of(SyntaxNode at, TypeSyntax? type)
    {
        if (type is null || Declarations.IsTypeParameter(at, type is NullableTypeSyntax nullable ? nullable.ElementType : type)) return null;
        if (type is IdentifierNameSyntax { IsVar: true }) return null;
        if (NotBodies.Contains(TypeSchemas.SimpleName(type).TrimEnd('?'))) return null;
        return TypeSchemas.FromType(type);
    }

    /// <summary>The type of a body argument: <c>new CreateOrder(...)</c>, a typed parameter or local, <c>JsonContent.Create(x)</c>, <c>new StringContent(JsonSerializer.Serialize(x))</c>.</summary>
    public static ApiSchema? Body(CSharpFile file, SyntaxNode at, ExpressionSyntax expression, int depth = 0)
    {
        if (depth > 4) return null;
        expression = Declarations.Strip(expression);
        switch (expression)
        {
            case ObjectCreationExpressionSyntax { Type: var type, ArgumentList.Arguments: [var content, ..] } when type.ToString() == "StringContent":
                return Body(file, at, content.Expression, depth + 1);
            case ObjectCreationExpressionSyntax creation:
                return Of(at, creation.Type);
            case InvocationExpressionSyntax invocation when CSharpFile.InvokedName(invocation) is "Create" or "Serialize" or "SerializeObject":
                if (CSharpFile.TypeArguments(invocation) is [var explicitType, ..]) return Of(at, explicitType);
                return invocation.ArgumentList.Arguments is [var value, ..] ? Body(file, at, value.Expression, depth + 1) : null;
            case IdentifierNameSyntax identifier when Declarations.Find(file, identifier, identifier.Identifier.ValueText) is { } declaration:
                if (declaration.WrittenType is { } written) return Of(declaration.Node, written);
                return declaration.Value is { } value2 && declaration.Kind == DeclarationKind.Local ? Body(file, declaration.Node, value2, depth + 1) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The schema read from the response of a call: <c>(await call).Content.ReadFromJsonAsync&lt;T&gt;()</c>, or
    /// <c>var response = await call; ... response.Content.ReadFromJsonAsync&lt;T&gt;()</c> later in the same member.
    /// </summary>
    public static ApiSchema? Read(InvocationExpressionSyntax call)
    {
        SyntaxNode node = call;
        while (node.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax
            || node.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } }
            || node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" })
            node = node.Parent;
        if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content", Parent: MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax read } })
            return ReadType(read);
        if (node.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }) return null;
        var name = declarator.Identifier.ValueText;
        return Declarations.BodyNodes(call).OfType<InvocationExpressionSyntax>()
            .Where(i => i.SpanStart > call.SpanStart && CSharpFile.Receiver(i) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } content
                && Declarations.SimpleName(content.Expression) == name)
            .Select(ReadType).FirstOrDefault(s => s is not null);
    }

    private static ApiSchema? ReadType(InvocationExpressionSyntax read)
    {
        var name = CSharpFile.InvokedName(read);
        if (name is not ("ReadFromJsonAsync" or "ReadFromJsonAsAsyncEnumerable") || CSharpFile.TypeArguments(read) is not [var type, ..]) return null;
        var schema = Of(read, type);
        return schema is not null && name == "ReadFromJsonAsAsyncEnumerable" ? new ApiSchema { Types = ["array"], Items = schema } : schema;
    }

    /// <summary>What a method's declared return type says it yields: <c>Task&lt;Order&gt;</c> → Order.</summary>
    public static ApiSchema? Returned(MethodDeclarationSyntax method)
    {
        var type = method.ReturnType;
        var sequence = false;
        while (type is GenericNameSyntax { TypeArgumentList.Arguments: [var inner] } generic)
        {
            var name = generic.Identifier.ValueText;
            if (name is "Task" or "ValueTask" or "IObservable" or "ApiResponse" or "IApiResponse") type = inner;
            else if (name == "IAsyncEnumerable") { sequence = true; type = inner; }
            else break;
        }
        if (type is PredefinedTypeSyntax { Keyword.ValueText: "void" } || type.ToString() is "Task" or "ValueTask" or "bool" or "IApiResponse") return null;
        var schema = Of(method, type);
        return schema is not null && sequence ? new ApiSchema { Types = ["array"], Items = schema } : schema;
    }
}
