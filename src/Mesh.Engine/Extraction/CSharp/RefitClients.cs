using Mesh.Engine.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// Refit interfaces: each method with <c>[Get("/users/{id}")]</c>, <c>[Post]</c>... is a call site at its declaration,
/// scoped by the interface, which <c>AddRefitClient&lt;T&gt;</c> binds to a base address.
/// </summary>
internal static class RefitClients
{
    public const string Client = "Refit";

    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["Get"] = "GET", ["Post"] = "POST", ["Put"] = "PUT", ["Delete"] = "DELETE", ["Patch"] = "PATCH", ["Head"] = "HEAD", ["Options"] = "OPTIONS",
    };

    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var api in file.Types.OfType<InterfaceDeclarationSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var method in api.Members.OfType<MethodDeclarationSyntax>())
            {
                var attribute = CSharpFile.Attributes(method.AttributeLists).FirstOrDefault(a => Methods.ContainsKey(CSharpFile.AttributeName(a)));
                if (attribute is null || CSharpFile.Argument(attribute, 0)?.Expression is not { } template) continue;
                var url = file.Constants.Evaluate(template);
                var body = method.ParameterList.Parameters.FirstOrDefault(p => CSharpFile.Attributes(p.AttributeLists).Any(a => CSharpFile.AttributeName(a) == "Body"));
                sink.CallSites.Add(new CallSiteFact
                {
                    Client = Client,
                    Method = Methods[CSharpFile.AttributeName(attribute)],
                    Url = url.Text,
                    Line = file.Line(method.Identifier),
                    RequestSchema = body is null ? null : MessageSchemas.Of(method, body.Type),
                    ResponseSchema = MessageSchemas.Returned(method),
                    ClientScope = api.Identifier.ValueText,
                    Unresolved = url.Unresolved,
                });
            }
        }
    }
}
