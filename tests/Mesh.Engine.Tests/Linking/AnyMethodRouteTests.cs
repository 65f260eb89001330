using Mesh.Engine.Indexing;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Linking;

public sealed class AnyMethodRouteTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Fact]
    public async Task A_call_of_any_method_links_to_an_all_route_unless_its_own_method_has_a_route()
    {
        _workspace.AddRepo("legacy").Write("server.js", """
            const express = require("express");
            const app = express();

            app.all("/api/legacy/orders/:id", (req, res) => res.status(410).end());
            app.all("/api/orders/:id", audit);
            app.get("/api/orders/:id", showOrder);

            app.listen(8080);
            """).Commit();
        _workspace.AddRepo("web").Write("src/orders.ts", """
            export async function cancel(id: string) {
              await fetch(`http://legacy/api/legacy/orders/${id}`, { method: "POST" });
              return fetch(`http://legacy/api/orders/${id}`);
            }
            """).Commit();
        var index = _workspace.OpenIndex();

        await index.IndexAsync(new IndexRequest());

        var graph = index.Store.Graph();
        var links = graph.Links.Select(l => (graph.CallSites.Single(c => c.Id == l.CallSite).Line, l.Endpoint)).Order().ToList();
        Assert.Equal([(2, "legacy:*:/api/legacy/orders/{}"), (3, "legacy:GET:/api/orders/{}")], links);
    }
}
