using System.Text;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Queries;

/// <summary>A calling repo, a providing repo, and how many call sites link them.</summary>
public sealed record ServiceEdge(string From, string To, int Calls);

/// <summary>The service-level view of the graph: repos as nodes, call counts on edges; as mermaid or Graphviz dot.</summary>
public static class ServiceGraph
{
    public static IReadOnlyList<ServiceEdge> Edges(GraphSnapshot graph)
    {
        var callers = graph.CallSites.ToDictionary(c => c.Id, c => c.Repo, StringComparer.Ordinal);
        var providers = graph.Endpoints.ToDictionary(e => e.Id, e => e.Repo, StringComparer.Ordinal);
        return graph.Links
            .Where(l => callers.ContainsKey(l.CallSite) && providers.ContainsKey(l.Endpoint))
            .GroupBy(l => l.CallSite, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(l => l.Score).First())
            .GroupBy(l => (From: callers[l.CallSite], To: providers[l.Endpoint]))
            .Select(g => new ServiceEdge(g.Key.From, g.Key.To, g.Count()))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
    }

    public static string Mermaid(GraphSnapshot graph)
    {
        var text = new StringBuilder("graph LR\n");
        foreach (var repo in graph.Repos) text.Append($"  {Id(repo.Name)}[\"{repo.Name} ({repo.Endpoints} endpoints)\"]\n");
        foreach (var edge in Edges(graph)) text.Append($"  {Id(edge.From)} -->|{edge.Calls} call{(edge.Calls == 1 ? "" : "s")}| {Id(edge.To)}\n");
        return text.ToString();
    }

    public static string Dot(GraphSnapshot graph)
    {
        var text = new StringBuilder("digraph mesh {\n  rankdir=LR;\n  node [shape=box];\n");
        foreach (var repo in graph.Repos) text.Append($"  \"{repo.Name}\" [label=\"{repo.Name}\\n{repo.Endpoints} endpoints\"];\n");
        foreach (var edge in Edges(graph)) text.Append($"  \"{edge.From}\" -> \"{edge.To}\" [label=\"{edge.Calls}\"];\n");
        return text.Append("}\n").ToString();
    }

    /// <summary>Mermaid node ids allow letters, digits and '_' only.</summary>
    private static string Id(string name) => "r_" + new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
