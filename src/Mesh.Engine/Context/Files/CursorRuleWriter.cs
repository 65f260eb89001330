namespace Mesh.Engine.Context.Files;

/// <summary>Cursor project rule <c>.cursor/rules/mesh-api-context.mdc</c>, always applied.</summary>
public sealed class CursorRuleWriter : IContextFileWriter
{
    public string Target => "cursor";
    public string Path => ".cursor/rules/mesh-api-context.mdc";

    public byte[] Update(byte[]? current, RepoContext context) =>
        AgentsMdWriter.Block.Apply(current, ContextMarkdown.Render(context),
            FrontMatter.Of($"description: {FrontMatter.Description}", "globs:", "alwaysApply: true"));
}
