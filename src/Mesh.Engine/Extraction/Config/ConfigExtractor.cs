using System.Text;
using System.Text.Json;
using Mesh.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace Mesh.Engine.Extraction.Config;

/// <summary>
/// Configuration that decides where requests go: <c>appsettings*.json</c> (flattened to <c>Section:Key</c>, plus YARP
/// <c>ReverseProxy</c> routes), Ocelot <c>ocelot*.json</c>, <c>.env</c> files, compose <c>environment</c> and Kubernetes
/// <c>env</c> entries. The linker resolves a call's <c>config:</c> or <c>env:</c> base hint through these values.
/// </summary>
public sealed class ConfigExtractor : IFileExtractor
{
    public string Name => "config";

    public int Version => 1;

    public long MaxFileBytes => 2L << 20;

    public bool Accepts(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        return name.StartsWith("appsettings", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
            || name.StartsWith("ocelot", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
            || name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal)
            || (name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal)) && IsYaml(name)
            || IsYaml(name) && path.Split('/').Any(d => d is "k8s" or "kubernetes" or "manifests" or "deploy" or "deployment" or "charts" or "helm");
    }

    private static bool IsYaml(string name) => name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);

    public FileFacts Extract(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var sink = new FactSink();
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        try
        {
            if (name.EndsWith(".json", StringComparison.Ordinal)) JsonConfig.Read(content, sink);
            else if (IsYaml(name)) YamlEnvironment.Read(content, sink);
            else DotEnv.Read(content, sink);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException or DecoderFallbackException or InvalidOperationException)
        {
            sink.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, $"configuration not readable: {e.Message}"));
        }
        return sink.ToFacts();
    }
}

/// <summary><c>KEY=VALUE</c> lines, with <c>export</c>, quotes and comments.</summary>
internal static class DotEnv
{
    public static void Read(ReadOnlyMemory<byte> content, FactSink sink)
    {
        var text = new UTF8Encoding(false, true).GetString(content.Span);
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var entry = raw.Trim();
            if (entry.Length == 0 || entry.StartsWith('#')) continue;
            if (entry.StartsWith("export ", StringComparison.Ordinal)) entry = entry[7..].TrimStart();
            var equals = entry.IndexOf('=');
            if (equals <= 0) continue;
            var value = entry[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'')) value = value[1..^1];
            sink.ConfigValues.Add(new ConfigValueFact(entry[..equals].Trim(), value, line));
        }
    }
}

/// <summary>Compose <c>environment</c> (mapping or <c>KEY=VALUE</c> list) and Kubernetes <c>env: [{name, value}]</c>.</summary>
internal static class YamlEnvironment
{
    public static void Read(ReadOnlyMemory<byte> content, FactSink sink)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(new UTF8Encoding(false, true).GetString(content.Span));
        yaml.Load(reader);
        foreach (var document in yaml.Documents) Walk(document.RootNode, sink, 0);
    }

    private static void Walk(YamlNode node, FactSink sink, int depth)
    {
        if (depth > 64) return;
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "environment" or "env" }) Environment(value, sink);
                    Walk(value, sink, depth + 1);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children) Walk(child, sink, depth + 1);
                break;
        }
    }

    private static void Environment(YamlNode node, FactSink sink)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                    if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text })
                        sink.ConfigValues.Add(new ConfigValueFact(name, text, (int)key.Start.Line));
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } entry } && entry.IndexOf('=') is > 0 and var equals)
                        sink.ConfigValues.Add(new ConfigValueFact(entry[..equals], entry[(equals + 1)..], (int)item.Start.Line));
                    else if (item is YamlMappingNode pair && Scalar(pair, "name") is { } name && Scalar(pair, "value") is { } value)
                        sink.ConfigValues.Add(new ConfigValueFact(name, value, (int)pair.Start.Line));
                }
                break;
        }
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}

/// <summary>JSON configuration flattened the way ASP.NET Core reads it (<c>A:B:0</c>), plus YARP and Ocelot routes.</summary>
internal static class JsonConfig
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    public static void Read(ReadOnlyMemory<byte> content, FactSink sink)
    {
        var lines = new LineIndex(content.Span);
        using var document = JsonDocument.Parse(content, Options);
        var keyLines = KeyLines(content.Span, lines);
        Flatten(document.RootElement, "", sink, keyLines, 0);
        Yarp(document.RootElement, sink, keyLines);
        Ocelot(document.RootElement, sink, keyLines);
    }

    private static void Flatten(JsonElement element, string prefix, FactSink sink, Dictionary<string, int> lines, int depth)
    {
        if (depth > 32) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", sink, lines, depth + 1);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Flatten(item, $"{prefix}:{i++}", sink, lines, depth + 1);
                break;
            case JsonValueKind.String:
                sink.ConfigValues.Add(new ConfigValueFact(prefix, element.GetString()!, lines.GetValueOrDefault(prefix)));
                break;
        }
    }

    /// <summary>YARP: ReverseProxy:Routes:*:{ClusterId, Match:Path, Transforms[PathRemovePrefix|PathPattern]} and Clusters:*:Destinations:*:Address.</summary>
    private static void Yarp(JsonElement root, FactSink sink, Dictionary<string, int> lines)
    {
        if (!root.TryGetProperty("ReverseProxy", out var proxy) || !proxy.TryGetProperty("Routes", out var routes) || routes.ValueKind != JsonValueKind.Object) return;
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (proxy.TryGetProperty("Clusters", out var clusters) && clusters.ValueKind == JsonValueKind.Object)
            foreach (var cluster in clusters.EnumerateObject())
                if (cluster.Value.TryGetProperty("Destinations", out var destinations) && destinations.ValueKind == JsonValueKind.Object)
                    foreach (var destination in destinations.EnumerateObject())
                        if (destination.Value.TryGetProperty("Address", out var address) && address.ValueKind == JsonValueKind.String)
                            addresses.TryAdd(cluster.Name, address.GetString()!);
        foreach (var route in routes.EnumerateObject())
        {
            if (!route.Value.TryGetProperty("ClusterId", out var clusterId) || !route.Value.TryGetProperty("Match", out var match)
                || !match.TryGetProperty("Path", out var path) || path.ValueKind != JsonValueKind.String) continue;
            string? removePrefix = null, pattern = null;
            if (route.Value.TryGetProperty("Transforms", out var transforms) && transforms.ValueKind == JsonValueKind.Array)
                foreach (var transform in transforms.EnumerateArray())
                {
                    if (transform.TryGetProperty("PathRemovePrefix", out var remove)) removePrefix = remove.GetString();
                    if (transform.TryGetProperty("PathPattern", out var set)) pattern = set.GetString();
                }
            var destination = addresses.GetValueOrDefault(clusterId.GetString() ?? "", clusterId.GetString() ?? "");
            sink.ProxyRoutes.Add(new ProxyRouteFact(route.Name, path.GetString()!, destination, pattern, removePrefix,
                lines.GetValueOrDefault($"ReverseProxy:Routes:{route.Name}")));
        }
    }

    /// <summary>Ocelot: Routes[{UpstreamPathTemplate, DownstreamPathTemplate, DownstreamHostAndPorts[{Host, Port}], DownstreamScheme}].</summary>
    private static void Ocelot(JsonElement root, FactSink sink, Dictionary<string, int> lines)
    {
        if (!(root.TryGetProperty("Routes", out var routes) || root.TryGetProperty("ReRoutes", out routes)) || routes.ValueKind != JsonValueKind.Array) return;
        var i = 0;
        foreach (var route in routes.EnumerateArray())
        {
            var index = i++;
            if (!route.TryGetProperty("UpstreamPathTemplate", out var upstream) || !route.TryGetProperty("DownstreamPathTemplate", out var downstream)) continue;
            var host = route.TryGetProperty("DownstreamHostAndPorts", out var hosts) && hosts.ValueKind == JsonValueKind.Array
                && hosts.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first && first.TryGetProperty("Host", out var h) ? h.GetString() : null;
            if (host is null && route.TryGetProperty("ServiceName", out var service)) host = service.GetString();
            if (host is null) continue;
            var scheme = route.TryGetProperty("DownstreamScheme", out var s) ? s.GetString() : "http";
            sink.ProxyRoutes.Add(new ProxyRouteFact($"route{index}", upstream.GetString()!, $"{scheme}://{host}", downstream.GetString(), null,
                lines.GetValueOrDefault($"Routes:{index}")));
        }
    }

    /// <summary>Line of each flattened key (<c>A:B:0</c>), from one pass of the reader.</summary>
    private static Dictionary<string, int> KeyLines(ReadOnlySpan<byte> json, LineIndex lines)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        var frames = new Stack<(string Path, bool IsArray, int Next)>();
        string? property = null;
        var propertyLine = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                propertyLine = lines.LineOf((int)reader.TokenStartIndex);
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }
            string? key = null;
            var line = lines.LineOf((int)reader.TokenStartIndex);
            if (frames.Count > 0)
            {
                var (path, isArray, next) = frames.Pop();
                var part = isArray ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : property ?? "";
                frames.Push((path, isArray, isArray ? next + 1 : next));
                key = path.Length == 0 ? part : $"{path}:{part}";
                if (!isArray) line = propertyLine;
                result.TryAdd(key, line);
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                frames.Push((key ?? "", reader.TokenType == JsonTokenType.StartArray, 0));
            property = null;
        }
        return result;
    }
}

/// <summary>Byte offset → 1-based line.</summary>
internal sealed class LineIndex
{
    private readonly List<int> _starts = [0];

    public LineIndex(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] == (byte)'\n') _starts.Add(i + 1);
    }

    public int LineOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
