using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Converts the first YAML document to a <see cref="JsonNode"/> with the YAML 1.2 core schema, recording key lines.
/// Event-driven with an explicit stack, so deep documents cannot overflow the call stack and aliases are
/// expanded under a budget (an alias bomb becomes a <see cref="SourceLimitException"/>, not a hang).
/// </summary>
internal static partial class YamlToJson
{
    public const int MaxDepth = 128;
    public const int MaxAliasNodes = 1_000_000;

    private sealed class Frame(JsonNode container, string pointer, string? anchor, int depth)
    {
        public JsonNode Container { get; } = container;
        public string Pointer { get; } = pointer;
        public string? Anchor { get; } = anchor;
        public int Depth { get; } = depth;
        public int Nodes { get; set; } = 1;
        public string? PendingKey { get; set; }
        public bool ExpectingKey { get; set; } = true;
        public bool PendingKeyIsMerge { get; set; }
    }

    public static JsonNode? Convert(string text, KeyLines lines, CancellationToken cancellationToken)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (JsonNode? Node, int Nodes)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var aliasNodes = 0L;
        JsonNode? root = null;
        var rootSet = false;
        var events = 0;

        while (!rootSet && parser.MoveNext())
        {
            if ((++events & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var top = stack.Count > 0 ? stack.Peek() : null;
            switch (parser.Current)
            {
                case Scalar scalar when top is { Container: JsonObject, ExpectingKey: true }:
                    SetKey(top, scalar.Value, scalar.Style == ScalarStyle.Plain, (int)scalar.Start.Line, lines);
                    break;
                case Scalar scalar:
                    var asString = top is { Depth: 1 } && top.PendingKey is "openapi" or "swagger";
                    var value = asString ? JsonValue.Create(scalar.Value) : ScalarValue(scalar);
                    Remember(anchors, scalar.Anchor, value, 1);
                    Add(value, 1);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new SourceLimitException($"unknown YAML alias '*{alias.Value.Value}'", (int)alias.Start.Line);
                    if (top is { Container: JsonObject, ExpectingKey: true })
                    {
                        SetKey(top, target.Node?.ToString() ?? "", false, (int)alias.Start.Line, lines);
                        break;
                    }
                    aliasNodes += target.Nodes;
                    if (aliasNodes > MaxAliasNodes)
                        throw new SourceLimitException($"YAML aliases expand to more than {MaxAliasNodes} nodes", (int)alias.Start.Line);
                    Add(target.Node?.DeepClone(), target.Nodes);
                    break;
                case MappingStart start:
                    Open(new JsonObject(), start, top);
                    break;
                case SequenceStart start:
                    Open(new JsonArray(), start, top);
                    break;
                case MappingEnd or SequenceEnd:
                    var done = stack.Pop();
                    if (done.Anchor is not null) anchors[done.Anchor] = (done.Container, done.Nodes);
                    Add(done.Container, done.Nodes);
                    break;
            }
        }
        return root;

        void Open(JsonNode container, NodeEvent start, Frame? parent)
        {
            if (parent is { Container: JsonObject, ExpectingKey: true })
                throw new SourceLimitException("a YAML mapping or sequence used as a key is not supported", (int)start.Start.Line);
            var depth = (parent?.Depth ?? 0) + 1;
            if (depth > MaxDepth)
                throw new SourceLimitException($"YAML nesting is deeper than {MaxDepth} levels", (int)start.Start.Line);
            var pointer = parent switch
            {
                null => "",
                { Container: JsonObject } => KeyLines.Child(parent.Pointer, parent.PendingKey ?? ""),
                _ => KeyLines.Child(parent.Pointer, ((JsonArray)parent.Container).Count.ToString(CultureInfo.InvariantCulture)),
            };
            stack.Push(new Frame(container, pointer, start.Anchor.IsEmpty ? null : start.Anchor.Value, depth));
        }

        void Add(JsonNode? node, int nodes)
        {
            if (stack.Count == 0)
            {
                root = node;
                rootSet = true;
                return;
            }
            var parent = stack.Peek();
            parent.Nodes += nodes;
            if (parent.Container is JsonArray array)
            {
                array.Add(node);
                return;
            }
            var obj = (JsonObject)parent.Container;
            if (parent.PendingKeyIsMerge && node is JsonObject or JsonArray)
                Merge(obj, node);
            else
                obj[parent.PendingKey!] = node;
            parent.ExpectingKey = true;
        }
    }

    private static void SetKey(Frame frame, string key, bool plain, int line, KeyLines lines)
    {
        frame.PendingKey = key;
        frame.PendingKeyIsMerge = plain && key == "<<";
        frame.ExpectingKey = false;
        if (frame.Depth <= KeyLines.MaxDepth) lines.Record(KeyLines.Child(frame.Pointer, key), line);
    }

    /// <summary>YAML 1.1 merge keys (<c>&lt;&lt;: *base</c>): explicit keys win over merged ones, whatever their order.</summary>
    private static void Merge(JsonObject target, JsonNode? source)
    {
        IEnumerable<JsonNode?> sources = source is JsonArray many ? [.. many] : [source];
        foreach (var from in sources.OfType<JsonObject>())
        {
            foreach (var (key, value) in from.ToList())
            {
                if (target.ContainsKey(key)) continue;
                from.Remove(key);
                target[key] = value;
            }
        }
    }

    private static void Remember(Dictionary<string, (JsonNode?, int)> anchors, AnchorName anchor, JsonNode? node, int nodes)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = (node, nodes);
    }

    /// <summary>Core schema: quoted and block scalars stay strings; plain ones may be null, booleans or numbers.</summary>
    private static JsonNode? ScalarValue(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!!str") return JsonValue.Create(text);
        if (scalar.Style != ScalarStyle.Plain || (tag is not null && !tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)))
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (IntPattern().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m)) return JsonValue.Create(m);
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalPattern().IsMatch(text))
        {
            try { return JsonValue.Create(System.Convert.ToInt64(text[2..], 8)); }
            catch (OverflowException) { return JsonValue.Create(text); }
        }
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return JsonValue.Create(d);
        // .inf and .nan have no JSON form; they stay text.
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
