using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// Methods that build a URL from their parameters (<c>CombineUri(params string[] parts)</c>, <c>ItemUrl(string root, int id)</c>):
/// what they return, read from their body with each parameter as a <c>{name}</c> hole, so callers in other files can
/// be evaluated by the resolver. A loop that joins a <c>params</c> array reads as the parameter twice around its separator.
/// </summary>
internal static class UrlHelpers
{
    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var method in file.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parameters = method.ParameterList.Parameters;
            if (parameters.Count == 0 || !ReturnsText(method) || UrlArguments.Returned(method) is not { } returned) continue;
            var template = file.Constants.Evaluate(UrlArguments.Expand(file, returned)).Text;
            var names = parameters.Select(p => p.Identifier.ValueText).ToList();
            if (!template.Contains('/') || !names.Any(n => template.Contains("{" + n + "}", StringComparison.Ordinal))) continue;
            var variadic = parameters[^1].Modifiers.Any(SyntaxKind.ParamsKeyword);
            sink.UrlHelpers.Add(new UrlHelperFact(method.Identifier.ValueText, names, variadic, template, file.Line(method.Identifier)));
        }
    }

    private static bool ReturnsText(Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method) =>
        method.ReturnType.ToString().TrimEnd('?') is "string" or "String" or "Uri" or "System.Uri";
}
