namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// The consumer half of C#: HttpClient and Refit call sites, wrappers and their candidate callers, URL helpers, client bindings
/// and app-host service declarations. Syntax only; what spans files is left to the resolver as facts.
/// </summary>
public static class CSharpConsumers
{
    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        HttpClientCalls.Read(file, sink, cancellationToken);
        RefitClients.Read(file, sink, cancellationToken);
        ClientRegistrations.Read(file, sink, cancellationToken);
        CallCandidates.Read(file, sink, cancellationToken);
        UrlHelpers.Read(file, sink, cancellationToken);
    }
}
