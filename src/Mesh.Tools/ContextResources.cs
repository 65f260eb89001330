using System.ComponentModel;
using Mesh.Engine;
using Mesh.Engine.Context;
using Mesh.Engine.Indexing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

/// <summary>
/// Each repo's context document, <c>mesh://repos/{repo}/context.md</c>: read through the template, and listed as one
/// concrete resource per repo (with the repo's last index time) so clients' @-mention pickers offer them.
/// </summary>
[McpServerResourceType]
public sealed class ContextResources
{
    public const string MimeType = "text/markdown";

    /// <summary>The listed URI: the repo name percent-encoded, so a name with spaces, slashes or line breaks is one path segment.</summary>
    public static string Uri(string repo) => $"mesh://repos/{System.Uri.EscapeDataString(repo)}/context.md";

    [McpServerResource(UriTemplate = "mesh://repos/{repo}/context.md", Name = "repo_context", Title = "API context of a repo", MimeType = MimeType)]
    [Description("What an agent working in a repo should know about HTTP APIs: recent changes of its providers that reach its calls, with what to do; " +
        "the APIs it calls with their providers; calls Mesh could not link; the APIs it provides with their callers (markdown).")]
    public static string Context(WorkspaceIndex index, [Description("Repo name.")] string repo)
    {
        try
        {
            return Markdown(index, repo);
        }
        catch (UnknownRepoException e)
        {
            throw new McpProtocolException(e.Message, McpErrorCode.ResourceNotFound);
        }
    }

    /// <summary>The document, or a short note when the repo is not indexed yet (a listed resource should read, not fail).</summary>
    public static string Markdown(WorkspaceIndex index, string repo)
    {
        index.Repo(repo);
        using var reading = index.Reading();
        if (index.Store.Repos().All(r => r.Name != repo))
            return $"# HTTP API context for {Engine.Context.Markdown.Code(repo)}\n\nNot indexed yet: call the reindex tool (or run `mesh index`), then read this again.\n";
        return ContextMarkdown.Render(new ContextQuery(index).Build(repo));
    }

    /// <summary>resources/list: the context document of every repo of the workspace (the static resources are added by the SDK).</summary>
    public static ValueTask<ListResourcesResult> List(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var index = request.Services!.GetRequiredService<WorkspaceIndex>();
        var indexed = index.Store.Repos().ToDictionary(r => r.Name, r => r.IndexedAt, StringComparer.Ordinal);
        var resources = index.Workspace.Repos.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new Resource
        {
            Uri = Uri(r.Name),
            // The repo name is repository text (a folder name): one line in the name and title, a code span in the description.
            Name = $"{OneLine.Of(r.Name)}_context",
            Title = $"API context of {OneLine.Of(r.Name)}",
            Description = $"HTTP APIs that {Engine.Context.Markdown.Code(r.Name)} provides and calls, who calls them, and recent API changes that affect it, with what to do.",
            MimeType = MimeType,
            Annotations = indexed.TryGetValue(r.Name, out var at) ? new Annotations { LastModified = at } : null,
        }).ToList();
        return ValueTask.FromResult(new ListResourcesResult { Resources = resources });
    }
}
