using System.Text;

namespace Mesh.Engine.Context.Files;

/// <summary>
/// <c>CLAUDE.md</c>: Claude Code does not read AGENTS.md by itself, so Mesh adds an <c>@AGENTS.md</c> import line in its own
/// block, once; a file that already imports AGENTS.md is left alone.
/// </summary>
public sealed class ClaudeMdWriter : IContextFileWriter
{
    private const string Import = "@AGENTS.md";
    private static readonly ManagedBlock Block = new("agents-import");

    public string Target => "claude";
    public string Path => "CLAUDE.md";

    public byte[] Update(byte[]? current, RepoContext context)
    {
        if (current is not null && !Block.IsIn(current) && ImportsAgentsMd(current)) return current;
        return Block.Apply(current, Import);
    }

    private static bool ImportsAgentsMd(byte[] current) =>
        Encoding.UTF8.GetString(current).Split('\n').Any(line => line.Trim() is Import or "@./AGENTS.md");
}
