using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>Collects an extraction's diagnostics, each distinct message once: a dangling $ref may be used a thousand times.</summary>
internal sealed class DiagnosticSink
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Once(DiagnosticSeverity severity, string message, int line = 0)
    {
        if (_seen.Add(message)) _items.Add(new Diagnostic(severity, message, line));
    }

    public IReadOnlyList<Diagnostic> ToList() => [.. _items];
}
