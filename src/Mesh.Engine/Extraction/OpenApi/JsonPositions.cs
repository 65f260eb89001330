using System.Text.Json;

namespace Mesh.Engine.Extraction.OpenApi;

/// <summary>
/// Records the lines of JSON object keys near the top by walking <see cref="Utf8JsonReader"/> tokens:
/// one cheap pass that also validates the syntax (a <see cref="JsonException"/> carries the line).
/// </summary>
internal static class JsonPositions
{
    public static void Scan(ReadOnlySpan<byte> utf8, KeyLines lines, JsonReaderOptions options, CancellationToken cancellationToken)
    {
        var reader = new Utf8JsonReader(utf8, options);
        // Pointer of the container at each depth; null when an array sits on the way (its keys are not recorded).
        var pointers = new string?[KeyLines.MaxDepth + 1];
        var scannedTo = 0;
        var line = 1;
        var tokens = 0;
        string? lastKey = null;

        while (reader.Read())
        {
            if ((++tokens & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var depth = reader.CurrentDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when depth >= 1 && depth <= KeyLines.MaxDepth && pointers[depth - 1] is { } parent:
                    var start = (int)reader.TokenStartIndex;
                    line += utf8[scannedTo..start].Count((byte)'\n');
                    scannedTo = start;
                    lastKey = KeyLines.Child(parent, reader.GetString()!);
                    lines.Record(lastKey, line);
                    break;
                case JsonTokenType.PropertyName:
                    lastKey = null;
                    break;
                case JsonTokenType.StartObject when depth <= KeyLines.MaxDepth:
                    pointers[depth] = depth == 0 ? "" : lastKey;
                    break;
                case JsonTokenType.StartArray when depth <= KeyLines.MaxDepth:
                    pointers[depth] = null;
                    break;
            }
            if (reader.TokenType is not JsonTokenType.PropertyName) lastKey = null;
        }
    }
}
