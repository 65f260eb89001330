namespace Mesh.Engine.Context.Files;

/// <summary><c>AGENTS.md</c>, read by Codex, Cursor, Copilot, Gemini, Zed and others: the context in a managed block, created if absent.</summary>
public sealed class AgentsMdWriter : IContextFileWriter
{
    public static readonly ManagedBlock Block = new("api-context");

    public string Target => "agents";
    public string Path => "AGENTS.md";

    public byte[] Update(byte[]? current, RepoContext context) => Block.Apply(current, ContextMarkdown.Render(context, headingLevel: 2));
}
