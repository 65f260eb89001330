using Mesh.Engine.Indexing;
using Mesh.Engine.Sources;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Mesh.Tools;

/// <summary>Completes prompt arguments: repo names for repo and consumer, revisions of the chosen repo for base and head.</summary>
public static class MeshCompletions
{
    private const int MaxValues = 100;

    public static ValueTask<CompleteResult> Complete(RequestContext<CompleteRequestParams> context, CancellationToken cancellationToken)
    {
        var index = context.Services?.GetService<WorkspaceIndex>();
        var argument = context.Params?.Argument;
        if (index is null || argument is null || context.Params!.Ref is not PromptReference) return ValueTask.FromResult(Empty());
        var typed = argument.Value ?? "";
        IEnumerable<string> candidates = argument.Name switch
        {
            "repo" or "consumer" => index.Workspace.RepoNames,
            "base" or "head" => RefsOf(index, context.Params.Context?.Arguments),
            _ => [],
        };
        var matches = candidates.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
        return ValueTask.FromResult(new CompleteResult
        {
            Completion = new Completion { Values = [.. matches.Take(MaxValues)], Total = matches.Count, HasMore = matches.Count > MaxValues },
        });
    }

    private static IEnumerable<string> RefsOf(WorkspaceIndex index, IDictionary<string, string>? arguments)
    {
        if (arguments is null || !arguments.TryGetValue("repo", out var repo)) return ["HEAD", "HEAD~1"];
        var config = index.Workspace.Repos.FirstOrDefault(r => r.Name == repo);
        return config is null ? [] : RepoRefs.List(config);
    }

    private static CompleteResult Empty() => new() { Completion = new Completion { Values = [] } };
}
