using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// A base address as a hint the linker can use: <c>config:Key</c> for configuration reads, <c>env:NAME</c> for
/// environment variables, otherwise the address as written (<c>https+http://catalog-api</c>, <c>http://localhost:5000/</c>).
/// </summary>
internal static class BaseHints
{
    public static string? Of(CSharpFile file, ExpressionSyntax expression)
    {
        var value = Declarations.Strip(UrlArguments.Expand(file, expression));
        switch (value)
        {
            case ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var only, ..] } creation when creation.Type.ToString() is "Uri" or "System.Uri":
                return Of(file, only.Expression);
            case ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments: [var only, ..] }:
                return Of(file, only.Expression);
            case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                return Of(file, coalesce.Left) ?? Of(file, coalesce.Right);
        }
        if (Source(file, value) is { } source) return source;
        var text = file.Constants.Evaluate(value);
        return text.Complete || !text.Text.StartsWith('{') ? text.Text : null;
    }

    /// <summary><c>config["A:B"]</c>, <c>GetValue&lt;string&gt;("A")</c>, <c>GetSection("A")["B"]</c>, <c>GetConnectionString("x")</c>, <c>Environment.GetEnvironmentVariable("X")</c>.</summary>
    private static string? Source(CSharpFile file, ExpressionSyntax value)
    {
        if (ConfigurationKey(file, value) is { } key) return "config:" + key;
        if (value is InvocationExpressionSyntax { ArgumentList.Arguments: [var name, ..] } invocation
            && CSharpFile.InvokedName(invocation) == "GetEnvironmentVariable" && file.Constants.Known(name.Expression) is { } variable)
            return "env:" + variable;
        return null;
    }

    private static string? ConfigurationKey(CSharpFile file, ExpressionSyntax value)
    {
        value = Declarations.Strip(value);
        switch (value)
        {
            case ElementAccessExpressionSyntax { ArgumentList.Arguments: [var key] } element:
                var inner = ConfigurationKey(file, element.Expression);
                var part = file.Constants.Known(key.Expression);
                if (part is null) return null;
                return inner is not null ? $"{inner}:{part}" : IsConfiguration(element.Expression) ? part : null;
            case InvocationExpressionSyntax { ArgumentList.Arguments: [var key, ..] } invocation:
                var name = CSharpFile.InvokedName(invocation);
                var text = file.Constants.Known(key.Expression);
                if (text is null || CSharpFile.Receiver(invocation) is not { } receiver) return null;
                var owner = ConfigurationKey(file, receiver);
                return name switch
                {
                    "GetConnectionString" => "ConnectionStrings:" + text,
                    "GetValue" or "GetSection" or "GetRequiredSection" or "GetRequiredValue" => owner is not null ? $"{owner}:{text}" : text,
                    _ => null,
                };
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } member:
                return ConfigurationKey(file, member.Expression);
            default:
                return null;
        }
    }

    private static bool IsConfiguration(ExpressionSyntax receiver)
    {
        var name = Declarations.Strip(receiver) switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => "",
        };
        return name.TrimStart('_').EndsWith("onfiguration", StringComparison.Ordinal) || name.TrimStart('_') is "config" or "Config" or "cfg";
    }
}
