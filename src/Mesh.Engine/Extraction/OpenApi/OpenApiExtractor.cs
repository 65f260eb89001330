using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Mesh.Engine.Model;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.Core;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// OpenAPI 3.0/3.1 and Swagger 2.0 descriptions, JSON or YAML, recognised by content (a root <c>openapi</c> or
/// <c>swagger</c> key), never by file name. Other JSON/YAML files yield no facts and no diagnostics.
/// </summary>
public sealed class OpenApiExtractor : IFileExtractor
{
    private const int MaxJsonDepth = YamlToJson.MaxDepth;
    private static readonly Uri BaseUri = new("file:///openapi");

    public string Name => "openapi";

    public int Version => 8;

    public long MaxFileBytes => 32L * 1024 * 1024;

    public bool Accepts(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public FileFacts Extract(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = content.Span;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var json = ApiSniffer.IsJson(bytes);
        if (!ApiSniffer.MayBeApi(bytes, json)) return FileFacts.None;

        try
        {
            if (FirstInvalidUtf8(bytes) is { } invalidAt)
                return Failed($"invalid UTF-8 at byte {invalidAt}", LineAt(bytes, invalidAt));
            var lines = new KeyLines();
            var root = json ? ParseJson(bytes, lines, cancellationToken) : ParseYaml(bytes, lines, cancellationToken);
            if (root is not JsonObject document) return FileFacts.None;
            var framework = Framework(document, out var unsupported);
            if (framework is null)
                return unsupported is null ? FileFacts.None : Failed(unsupported, lines.LineOf("/openapi") + lines.LineOf("/swagger"));
            return Read(document, framework, lines, cancellationToken);
        }
        catch (JsonException e)
        {
            return Failed($"JSON syntax error: {e.Message}", (int)(e.LineNumber ?? -1) + 1);
        }
        catch (YamlException e)
        {
            return Failed($"YAML syntax error: {e.Message}", (int)e.Start.Line);
        }
        catch (SourceLimitException e)
        {
            return Failed(e.Message, e.Line);
        }
        catch (InvalidOperationException e) when (IsRefCycle(e))
        {
            // Microsoft.OpenApi resolves a $ref chain that loops back on itself (not through a schema's properties) by throwing.
            return Failed($"{e.Message.TrimEnd('.')}: a $ref chain must end in a definition", 0);
        }
    }

    /// <summary>Microsoft.OpenApi's way of saying a <c>$ref</c> chain loops back on itself.</summary>
    internal static bool IsRefCycle(InvalidOperationException e) => e.Message.StartsWith("Circular reference", StringComparison.Ordinal);

    private static FileFacts Read(JsonObject root, string framework, KeyLines lines, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticSink();
        var externalRefs = framework == "openapi-2.0" ? Swagger2ExternalRefs.Replace(root) : Swagger2ExternalRefs.None;
        if (framework == "openapi-2.0") Swagger2PathBodies.PushDown(root);
        if (framework == "openapi-3.1") RawConsts.Preserve(root);
        var basePath = framework == "openapi-2.0" ? BasePaths.FromBasePath(root["basePath"]) : null;

        OpenApiDocument? document;
        try
        {
            var settings = new OpenApiReaderSettings { RuleSet = ValidationRuleSet.GetEmptyRuleSet(), LoadExternalRefs = false };
            var result = new OpenApiJsonReader().Read(root, BaseUri, settings);
            document = result.Document;
            foreach (var error in result.Diagnostic?.Errors ?? [])
                diagnostics.Once(DiagnosticSeverity.Warning, error.ToString(), lines.LineOfNearest(error.Pointer));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Microsoft.OpenApi throws on some malformed shapes; the file still gets its diagnostic.
            return Failed($"OpenAPI document could not be read: {e.Message}", 0);
        }
        if (document is null) return new FileFacts([], [], SchemaTable.Empty, diagnostics.ToList());

        if (framework != "openapi-2.0") basePath = BasePaths.FromServers(document.Servers);
        var schemas = new SchemaConverter(document.Components?.Schemas, diagnostics, document, externalRefs);
        var table = schemas.ConvertComponents(cancellationToken);
        var endpoints = new OperationReader(schemas, lines, diagnostics, framework, basePath, externalRefs).Read(document, cancellationToken);
        return new FileFacts(endpoints, [], table, diagnostics.ToList()) { Document = DocumentReader.Read(document) };
    }

    private static JsonNode? ParseJson(ReadOnlySpan<byte> bytes, KeyLines lines, CancellationToken cancellationToken)
    {
        JsonPositions.Scan(bytes, lines, new JsonReaderOptions { MaxDepth = MaxJsonDepth }, cancellationToken);
        if (!lines.Contains("/openapi") && !lines.Contains("/swagger")) return null;
        return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
    }

    private static JsonNode? ParseYaml(ReadOnlySpan<byte> bytes, KeyLines lines, CancellationToken cancellationToken) =>
        YamlToJson.Convert(Encoding.UTF8.GetString(bytes), lines, cancellationToken);

    /// <summary>The framework from the root's version key; null when the file is not an API description.</summary>
    private static string? Framework(JsonObject root, out string? unsupported)
    {
        unsupported = null;
        if (root["swagger"] is JsonValue swagger)
        {
            var version = swagger.ToString();
            if (version is "2.0" or "2") return "openapi-2.0";
            unsupported = $"unsupported Swagger version '{version}'; supported: 2.0";
            return null;
        }
        if (root["openapi"] is not JsonValue openapi) return null;
        var text = openapi.ToString();
        if (text.StartsWith("3.0", StringComparison.Ordinal)) return "openapi-3.0";
        if (text.StartsWith("3.1", StringComparison.Ordinal)) return "openapi-3.1";
        unsupported = $"unsupported OpenAPI version '{text}'; supported: 2.0, 3.0.x, 3.1.x";
        return null;
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return null;
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;

    private static FileFacts Failed(string message, int line) =>
        FileFacts.Failed(new Diagnostic(DiagnosticSeverity.Error, message, Math.Max(line, 0)));
}
