namespace Mesh.Engine.Context.Files;

/// <summary>GitHub Copilot path-specific instructions <c>.github/instructions/mesh-api-context.instructions.md</c>, applied to every file.</summary>
public sealed class CopilotInstructionsWriter : IContextFileWriter
{
    public string Target => "copilot";
    public string Path => ".github/instructions/mesh-api-context.instructions.md";

    public byte[] Update(byte[]? current, RepoContext context) =>
        AgentsMdWriter.Block.Apply(current, ContextMarkdown.Render(context),
            FrontMatter.Of("applyTo: \"**\"", $"description: {FrontMatter.Description}"));
}
