using System.Text.RegularExpressions;

namespace Mesh.McpServer.Setup;

/// <summary>
/// Codex's TOML configuration, as in <c>~/.codex/config.toml</c>, written to the workspace's <c>.codex/config.toml</c>
/// (Codex reads a project's <c>.codex/config.toml</c> once the project is trusted). Mesh owns the <c>command</c> and
/// <c>args</c> keys of its <c>[mcp_servers.mesh]</c> table; every other line, comment and table stays as it is.
/// </summary>
public sealed partial class CodexSetup : IClientSetup
{
    private const string Header = "[mcp_servers.mesh]";

    public string Client => "codex";
    public string Path => ".codex/config.toml";

    private static readonly string Command = $"command = {Quote(MeshServerEntry.Command)}";
    private static readonly string Args = $"args = [{string.Join(", ", MeshServerEntry.Args(".").Select(Quote))}]";

    public string Update(string? current)
    {
        var newline = current?.Contains("\r\n", StringComparison.Ordinal) == true ? "\r\n" : "\n";
        if (string.IsNullOrEmpty(current)) return string.Join(newline, Header, Command, Args) + newline;
        var lines = current.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var final = current.EndsWith('\n');
        if (final) lines.RemoveAt(lines.Count - 1);
        var start = lines.FindIndex(l => TableHeader().Match(l) is { Success: true } m && IsMeshTable(m.Groups[1].Value));
        if (start < 0)
        {
            // Appended after a blank line; the file's own text, final newline or not, stays as it was.
            var gap = (final ? "" : newline) + (lines.Count > 0 && lines[^1].Trim().Length > 0 ? newline : "");
            return current + gap + string.Join(newline, Header, Command, Args) + newline;
        }
        var end = lines.FindIndex(start + 1, l => l.TrimStart().StartsWith('['));
        if (end < 0) end = lines.Count;
        var changed = Set(lines, start, ref end, "command", Command) | Set(lines, start, ref end, "args", Args);
        return changed ? string.Join(newline, lines) + (final ? newline : "") : current;
    }

    /// <summary>Puts <paramref name="line"/> in place of the key's line (or lines, for a multi-line array) in the table, or after its header.</summary>
    private static bool Set(List<string> lines, int header, ref int end, string key, string line)
    {
        var pattern = new Regex($@"^\s*{key}\s*=");
        var at = lines.FindIndex(header + 1, end - header - 1, l => pattern.IsMatch(l));
        if (at < 0)
        {
            var command = lines.FindIndex(header + 1, end - header - 1, l => l.TrimStart().StartsWith("command", StringComparison.Ordinal));
            lines.Insert(key == "args" && command >= 0 ? command + 1 : header + 1, line);
            end++;
            return true;
        }
        var last = at;
        if (key == "args" && lines[at].Contains('[', StringComparison.Ordinal) && !lines[at].Contains(']', StringComparison.Ordinal))
            while (last + 1 < end && !lines[last].Contains(']', StringComparison.Ordinal)) last++;
        if (last == at && lines[at].Trim() == line) return false;
        lines.RemoveRange(at, last - at + 1);
        lines.Insert(at, line);
        end -= last - at;
        return true;
    }

    private static bool IsMeshTable(string name) =>
        name.Replace("\"", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal) == "mcp_servers.mesh";

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^\s*\[([^\[\]]+)\]\s*(#.*)?$")]
    private static partial Regex TableHeader();
}
