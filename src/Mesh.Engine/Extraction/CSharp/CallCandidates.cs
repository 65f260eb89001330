using Mesh.Engine.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// Calls of repo functions with a URL-like argument (<c>_api.GetJson&lt;Order&gt;("/orders/1")</c>); the resolver turns
/// those whose name and arity match a <see cref="WrapperFact"/> of the repo into call sites.
/// </summary>
internal static class CallCandidates
{
    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var invocation in file.Invocations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = CSharpFile.InvokedName(invocation);
            var args = invocation.ArgumentList.Arguments;
            if (name is null || args.Count == 0 || IsNotAWrapper(name, invocation)) continue;
            var helpers = new HelperCalls();
            var values = args.Select(a => UrlArguments.Argument(file, a.Expression, helpers)).ToList();
            if (!values.Any(v => v is not null && UrlArguments.IsUrlLike(v)) || HttpClientCalls.IsHttpClientCall(file, invocation)) continue;
            var response = CSharpFile.TypeArguments(invocation) is [var type, ..] ? MessageSchemas.Of(invocation, type) : null;
            sink.CallCandidates.Add(new CallCandidateFact(name, values, file.Line(CSharpFile.NameToken(invocation)), response, Helpers: helpers.ToList()));
        }
    }

    /// <summary>HttpClient's own API, string building and ASP.NET routing are never repo wrappers.</summary>
    private static bool IsNotAWrapper(string name, InvocationExpressionSyntax invocation) =>
        name is "nameof" or "Format" or "Concat" or "Combine" or "AddProject" or "AddHttpClient" or "AddRefitClient"
        || name.StartsWith("Map", StringComparison.Ordinal) && CSharpFile.Receiver(invocation) is not null
        || name.StartsWith("Log", StringComparison.Ordinal);
}
