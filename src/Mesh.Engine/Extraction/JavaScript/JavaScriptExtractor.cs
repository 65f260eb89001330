using Mesh.Engine.Extraction.TreeSitter;
using Mesh.Engine.Model;
using Mesh.Engine.Sources;

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

    public int Version => 7;

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
        if (LanguageFor(Path.GetFileName(path).ToLowerInvariant()) is not { } language) return FileFacts.None;
        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
            return FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Warning, $"not valid UTF-8 text; {language.Name} file skipped"));
        var longLines = LongLines(content.Span);
        if (longLines.Count > 0) content = Blanked(content, longLines);
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
            if (longLines.Count > 0 && !HasCode(tree.Root)) return Minified(longLines);
            var file = new JsFile(tree, cancellationToken);
            var sink = new FactSink();
            if (longLines.Count > 0) sink.Diagnostics.Add(LongLinesNotRead(longLines));
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

    /// <summary>The lines longer than <see cref="MinifiedLineLength"/> bytes: (1-based line, first byte, length).</summary>
    private static List<(int Line, int Start, int Length)> LongLines(ReadOnlySpan<byte> content)
    {
        var found = new List<(int, int, int)>();
        var line = 1;
        var start = 0;
        while (start <= content.Length)
        {
            var end = content[start..].IndexOf((byte)'\n');
            var length = end < 0 ? content.Length - start : end;
            if (length > MinifiedLineLength) found.Add((line, start, length));
            if (end < 0) break;
            start += end + 1;
            line++;
        }
        return found;
    }

    /// <summary>
    /// The content with its long lines turned to spaces: minified code, a 1,000-deep expression or an inlined data blob is
    /// not read (it costs much and declares little), while every other line keeps its bytes, lines and columns.
    /// </summary>
    private static ReadOnlyMemory<byte> Blanked(ReadOnlyMemory<byte> content, List<(int Line, int Start, int Length)> longLines)
    {
        var copy = content.ToArray();
        foreach (var (_, start, length) in longLines) copy.AsSpan(start, length).Fill((byte)' ');
        return copy;
    }

    /// <summary>True when the tree holds anything but comments (a bundle's licence header and source-map line are comments).</summary>
    private static bool HasCode(Node root)
    {
        using var cursor = new TreeCursor(root);
        if (!cursor.GotoFirstChild()) return false;
        do
        {
            if (cursor.Current is { IsNamed: true } node && node.Type is not ("comment" or "hash_bang_line")) return true;
        }
        while (cursor.GotoNextSibling());
        return false;
    }

    private static FileFacts Minified(List<(int Line, int Start, int Length)> longLines) =>
        FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Warning,
            $"minified or generated code: all of its code is on {longLines.Count:N0} line(s) longer than {MinifiedLineLength:N0} bytes; file skipped", longLines[0].Line))
        with { Skipped = $"{SkipReasons.Minified}: {longLines.Count:N0} line(s) longer than {MinifiedLineLength:N0} bytes hold all of its code" };

    private static Diagnostic LongLinesNotRead(List<(int Line, int Start, int Length)> longLines)
    {
        var (line, _, length) = longLines[0];
        var more = longLines.Count > 1 ? $" and {longLines.Count - 1:N0} more" : "";
        return new Diagnostic(DiagnosticSeverity.Warning,
            $"line {line} ({length:N0} bytes){more} longer than {MinifiedLineLength:N0} bytes not read, as minified or generated code is not; the rest of the file is read", line);
    }
}
