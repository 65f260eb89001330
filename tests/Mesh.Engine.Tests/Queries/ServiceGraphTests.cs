using Mesh.Engine.Indexing;
using Mesh.Engine.Queries;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Queries;

/// <summary>
/// The service graph as mermaid and dot, with repos whose names (folder names, or names in mesh.json) hold quotes,
/// brackets and line breaks: a name is a label and nothing else — no statement of its own, no broken string.
/// </summary>
public sealed class ServiceGraphTests : IDisposable
{
    private const string HostileName = "web\" ]\n  click r_orders \"javascript:alert(1)\"\n  x[\"";

    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private async Task<GraphSnapshot> HostileGraph()
    {
        _workspace.AddRepo("orders").Write("api/openapi.yaml", Specs.OrdersYaml).Commit();
        _workspace.AddRepo("web").Write("app/client.py",
            """
            import requests

            def get_order(order_id):
                return requests.get(f"http://orders/orders/{order_id}").json()
            """).Commit();
        _workspace.WriteConfig(new { name = "orders", path = "orders" }, new { name = HostileName, path = "web" });
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        var graph = index.Store.Graph();
        Assert.Contains(ServiceGraph.Edges(graph), e => e.From == HostileName && e.To == "orders");
        return graph;
    }

    [Fact]
    public async Task A_repo_name_cannot_add_a_mermaid_statement()
    {
        var mermaid = ServiceGraph.Mermaid(await HostileGraph());

        var lines = mermaid.TrimEnd('\n').Split('\n');
        Assert.Equal("graph LR", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("click", StringComparison.Ordinal));
        // Every node line is an id of ours and one quoted label with no quote inside it.
        Assert.All(lines[1..], l => Assert.Matches("^  r[0-9]+(\\[\"[^\"]*\"\\]| -->\\|[0-9]+ calls?\\| r[0-9]+)$", l));
    }

    [Fact]
    public async Task A_repo_name_cannot_break_a_dot_string()
    {
        var dot = ServiceGraph.Dot(await HostileGraph());

        var lines = dot.TrimEnd('\n').Split('\n');
        Assert.Equal(["digraph mesh {", "  rankdir=LR;", "  node [shape=box];"], lines[..3]);
        Assert.Equal("}", lines[^1]);
        Assert.Equal(7, lines.Length);
        // Inside a dot string only \" and \\ escape; an unescaped quote would end the string early.
        Assert.All(lines[3..^1], l => Assert.Matches("^  r[0-9]+ (\\[label=\"([^\"\\\\]|\\\\.)*\"\\];|-> r[0-9]+ \\[label=\"[0-9]+\"\\];)$", l));
        Assert.Contains("web\\\" ]\\\\n  click", dot, StringComparison.Ordinal);
    }
}
