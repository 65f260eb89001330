using Mesh.Engine.Context;

namespace Mesh.McpServer.Commands;

/// <summary>
/// Left-aligned columns separated by two spaces, for people reading a terminal. Cells hold repository text (routes,
/// names, paths): each is kept to its row, with line breaks and terminal controls written as visible escapes.
/// </summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Select(r => (IReadOnlyList<string>)r.Select(cell => OneLine.Of(cell)).ToList()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(headers, widths));
        foreach (var row in all) output.WriteLine(Line(row, widths));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
