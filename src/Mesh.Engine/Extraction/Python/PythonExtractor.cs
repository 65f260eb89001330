using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.Python;

/// <summary>
/// Python source, parsed once with tree-sitter: FastAPI, Starlette, Flask, Django and Django REST Framework endpoints, Pydantic
/// models, and HTTP consumers (requests, httpx, aiohttp, test clients, pytest client fixtures). What needs other modules
/// (imported routers, includes, base viewsets, wrappers, fixtures in a conftest) is left as facts for the resolver.
/// </summary>
public sealed class PythonExtractor : IFileExtractor
{
    private delegate void Reader(PythonFile file, FactSink sink, CancellationToken cancellationToken);

    /// <summary>The readers run over each parsed file, in order.</summary>
    private static readonly Reader[] Readers = [PydanticModels.Read, FastApi.Read, Starlette.Read, Flask.Read, Django.Read, DjangoRestFramework.Read, HttpCalls.Read, Pytest.Read, PythonValues.Read];

    private static readonly TimeSpan ParseTimeout = TimeSpan.FromSeconds(10);
    private const int MaxSyntaxDiagnostics = 3;

    public string Name => "python";

    public int Version => 7;

    public long MaxFileBytes => 2L << 20;

    public bool Accepts(string path) => path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);

    public FileFacts Extract(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        // Binary content behind a .py name sends the parser's error recovery into minutes of work for nothing.
        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
            return FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Warning, "not valid UTF-8 text; Python file skipped"));
        SyntaxTree tree;
        try
        {
            tree = ParserPool.Shared.Parse(Language.Python, content, ParseTimeout, cancellationToken);
        }
        catch (ParseTimeoutException timeout)
        {
            return FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Warning, $"Python file not read: {timeout.Message}"));
        }
        using (tree)
        {
            var file = new PythonFile(tree);
            var sink = new FactSink();
            foreach (var reader in Readers) reader(file, sink, cancellationToken);
            if (tree.HasError && (sink.Endpoints.Count > 0 || sink.CallSites.Count > 0 || sink.Wrappers.Count > 0 || sink.Schemas.Count > 0 || sink.FixtureCalls.Count > 0))
                foreach (var error in file.Root.Descendants().Where(n => n.IsError || n.IsMissing).Take(MaxSyntaxDiagnostics))
                    sink.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning,
                        error.IsMissing ? $"syntax error: missing '{error.Type}'" : "syntax error: unexpected text", error.Start.Line));
            return sink.ToFacts();
        }
    }
}
