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
        var edges = Edges(graph);
        var ids = NodeIds(graph, edges);
        var text = new StringBuilder("graph LR\n");
        foreach (var repo in graph.Repos) text.Append($"  {ids[repo.Name]}[{Context.Mermaid.Label($"{repo.Name} ({repo.Endpoints} endpoints)")}]\n");
        foreach (var edge in edges) text.Append($"  {ids[edge.From]} -->|{edge.Calls} call{(edge.Calls == 1 ? "" : "s")}| {ids[edge.To]}\n");
        return text.ToString();
    }

    public static string Dot(GraphSnapshot graph)
    {
        var edges = Edges(graph);
        var ids = NodeIds(graph, edges);
        var text = new StringBuilder("digraph mesh {\n  rankdir=LR;\n  node [shape=box];\n");
        foreach (var repo in graph.Repos)
            text.Append($"  {ids[repo.Name]} [label={Context.Dot.Lines(repo.Name, $"{repo.Endpoints} endpoints")}];\n");
        foreach (var edge in edges) text.Append($"  {ids[edge.From]} -> {ids[edge.To]} [label=\"{edge.Calls}\"];\n");
        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// Node ids are ours, never repository text: <c>r1</c>, <c>r2</c>, ... in repo order, so no name can collide with
    /// another (<c>a-b</c>, <c>a_b</c>) or write a statement of its own.
    /// </summary>
    private static Dictionary<string, string> NodeIds(GraphSnapshot graph, IReadOnlyList<ServiceEdge> edges)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in graph.Repos.Select(r => r.Name).Concat(edges.SelectMany(e => new[] { e.From, e.To })))
            ids.TryAdd(name, "r" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ids;
    }
}
