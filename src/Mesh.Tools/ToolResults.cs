using System.Text.Json;
using Mesh.Engine;
using Mesh.Engine.Indexing;
using ModelContextProtocol.Protocol;

namespace Mesh.Tools;

/// <summary>
/// Builds tool results: structured content for clients that read it, plus a short text rendering of the same
/// facts for clients that show the model only text.
/// </summary>
public static class ToolResults
{
    public static CallToolResult Success<T>(T value, string text) => new()
    {
        StructuredContent = JsonSerializer.SerializeToElement(value, MeshJson.Structured),
        Content = [new TextContentBlock { Text = text }],
    };

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = Suggest.Bounded(message) }],
    };

    /// <summary>Runs a tool body; a user error becomes an isError result naming what was wrong and what is valid.</summary>
    public static async Task<CallToolResult> Guard(Func<Task<CallToolResult>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (MeshException e)
        {
            return Error(e.Message);
        }
    }

    public static Task<CallToolResult> Guard(Func<CallToolResult> body) => Guard(() => Task.FromResult(body()));

    /// <summary>A guarded tool body whose reads all see one published index (no re-index lands between two of them).</summary>
    public static Task<CallToolResult> Read(WorkspaceIndex index, Func<CallToolResult> body) => Guard(() =>
    {
        using var _ = index.Reading();
        return body();
    });
}
