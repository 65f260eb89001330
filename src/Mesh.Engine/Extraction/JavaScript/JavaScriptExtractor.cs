using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;

namespace Mesh.Engine.Extraction.JavaScript;

/// <summary>
/// JavaScript and TypeScript: Express, Koa, Fastify, NestJS, Next.js and Nitro endpoints, HTTP calls (fetch, axios, Angular, ky,
/// superagent, generated clients), wrappers and TypeScript types. One tree-sitter parse per file; the path only
/// chooses the grammar, as the same bytes under another extension would be another language.
/// </summary>
public sealed class JavaScriptExtractor : IFileExtractor
{
    private delegate void Reader(JsFile file, FactSink sink, CancellationToken cancellationToken);

    /// <summary>In order: readers that claim calls (routes, HTTP calls) run before the call candidates that take the rest.</summary>
    private static readonly Reader[] Readers = [Express.Read, Koa.Read, Fastify.Read, NestJs.Read, NextJs.Read, Nitro.Read, HttpCalls.Read, AngularInterceptors.Read, CallCandidates.Read, TypeDeclarations.Read];

    /// <summary>Bundlers and minifiers write lines far longer than anyone types.</summary>
    private const int MinifiedLineLength = 2000;

    private static readonly TimeSpan ParseTimeout = TimeSpan.FromSeconds(10);

    public string Name => "javascript";

    public int Version => 6;

    public long MaxFileBytes => 2L << 20;

    public bool Accepts(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".d.ts", StringComparison.Ordinal) || name.EndsWith(".d.mts", StringComparison.Ordinal) || name.EndsWith(".d.cts", StringComparison.Ordinal)
            || name.EndsWith(".min.js", StringComparison.Ordinal) || name.EndsWith(".bundle.js", StringComparison.Ordinal))
            return false;
        return LanguageFor(name) is not null;
    }

    public FileFacts Extract(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        if (LanguageFor(Path.GetFileName(path).ToLowerInvariant()) is not { } language || IsMinified(content.Span)) return FileFacts.None;
        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
            return FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Warning, $"not valid UTF-8 text; {language.Name} file skipped"));
        SyntaxTree tree;
        try
        {
            tree = ParserPool.Shared.Parse(language, content, ParseTimeout, cancellationToken);
        }
        catch (ParseTimeoutException e)
        {
            return FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Warning, $"parsing stopped after {ParseTimeout.TotalSeconds:0} s at byte {e.StoppedAtByte}; file skipped"));
        }
        using (tree)
        {
            var file = new JsFile(tree, cancellationToken);
            var sink = new FactSink();
            foreach (var reader in Readers) reader(file, sink, cancellationToken);
            if (tree.HasError && (sink.Endpoints.Count > 0 || sink.CallSites.Count > 0 || sink.Wrappers.Count > 0))
                foreach (var error in tree.Root.Descendants().Where(n => n.IsError || n.IsMissing).Take(3))
                    sink.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, error.IsMissing ? $"syntax error: missing '{error.Type}'" : "syntax error", error.Start.Line));
            return sink.ToFacts();
        }
    }

    private static Language? LanguageFor(string name) => Path.GetExtension(name) switch
    {
        ".js" or ".mjs" or ".cjs" => Language.JavaScript,
        ".jsx" => Language.Tsx,
        ".ts" or ".mts" or ".cts" => Language.TypeScript,
        ".tsx" => Language.Tsx,
        _ => null,
    };

    private static bool IsMinified(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 64 * 1024)];
        var lineLength = 0;
        foreach (var b in head)
        {
            if (b == (byte)'\n') lineLength = 0;
            else if (++lineLength > MinifiedLineLength) return true;
        }
        return false;
    }
}
