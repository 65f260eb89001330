using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// Nitro (h3; the server of Nuxt and others): a file under <c>routes/</c> or <c>api/</c> whose default export is an event
/// handler (<c>export default defineEventHandler(...)</c>, or a handler factory of the project's own whose name ends in
/// <c>Handler</c>) serves the route its path names, with the method its name ends in (<c>login.post.ts</c>). The bytes only
/// say that the file exports a handler (scope <c>fs:nitro</c>); the resolver, which knows the path, gives route and method.
/// </summary>
internal static class Nitro
{
    public const string Scope = "fs:nitro";

    public static void Read(JsFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var statement in file.TopLevel)
        {
            if (statement.Type != "export_statement" || !JsFile.IsDefaultExport(statement)
                || statement.ChildByFieldName("value") is not { } value || JsFile.Strip(value) is not { Type: "call_expression" } call
                || call.ChildByFieldName("function") is not { Type: "identifier" } factory || !factory.Text().EndsWith("Handler", StringComparison.Ordinal))
                continue;
            sink.Endpoints.Add(new EndpointFact
            {
                Method = EndpointFact.AnyMethod,
                Path = "",
                Source = EndpointSources.Code,
                Framework = "nitro",
                Line = statement.Start.Line,
                Scope = Scope,
                Handler = factory.Text(),
            });
        }
    }
}
