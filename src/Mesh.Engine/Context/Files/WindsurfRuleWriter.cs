using System.Text;

namespace Mesh.Engine.Context.Files;

/// <summary>
/// Windsurf workspace rule <c>.windsurf/rules/mesh-api-context.md</c>, always on. Windsurf ignores what lies beyond a
/// rule file's character limit, so the context is cut at a line to fit, with a note saying where the rest is.
/// </summary>
public sealed class WindsurfRuleWriter : IContextFileWriter
{
    /// <summary>Windsurf's documented cap has been 6,000 and 12,000 characters per rule file; the lower one fits both.</summary>
    public const int MaxCharacters = 6000;

    public string Target => "windsurf";
    public string Path => ".windsurf/rules/mesh-api-context.md";

    private static readonly string Head = FrontMatter.Of("trigger: always_on", $"description: {FrontMatter.Description}");

    public byte[] Update(byte[]? current, RepoContext context)
    {
        var body = ContextMarkdown.Render(context);
        var full = AgentsMdWriter.Block.Apply(current, body, Head);
        if (Characters(full) <= MaxCharacters) return full;
        var note = $"\n… cut here to fit Windsurf's {MaxCharacters:N0}-character limit for a rule file; the whole context is in `AGENTS.md` "
            + $"and in {Markdown.Code($"mesh://repos/{context.Repo}/context.md")}.\n";
        var lines = body.TrimEnd('\n').Split('\n');
        // Characters outside the kept lines: everything the file has when the body is the note alone.
        var overhead = Characters(AgentsMdWriter.Block.Apply(current, note, Head));
        var kept = new StringBuilder();
        foreach (var line in lines)
        {
            if (overhead + kept.Length + line.Length + 1 > MaxCharacters) break;
            kept.Append(line).Append('\n');
        }
        return AgentsMdWriter.Block.Apply(current, kept + note, Head);
    }

    private static int Characters(byte[] bytes) => Encoding.UTF8.GetCharCount(bytes);
}
