namespace Mesh.Engine.Context.Files;

/// <summary>One agent's convention for instructions in a repo: which file, and what Mesh's part of it holds.</summary>
public interface IContextFileWriter
{
    /// <summary>The <c>--target</c> name: <c>agents</c>, <c>claude</c>, <c>cursor</c>, <c>copilot</c>, <c>windsurf</c>.</summary>
    string Target { get; }

    /// <summary>Repo-relative path with '/'.</summary>
    string Path { get; }

    /// <summary>The file's bytes with Mesh's block current, from its bytes now (null when absent); text outside the block is kept as is.</summary>
    byte[] Update(byte[]? current, RepoContext context);
}
