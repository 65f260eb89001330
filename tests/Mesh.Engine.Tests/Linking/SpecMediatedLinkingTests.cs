using Mesh.Engine.Indexing;
using Mesh.Engine.Storage;
using Mesh.Testing;
using Microsoft.Data.Sqlite;

namespace Mesh.Engine.Tests.Linking;

/// <summary>
/// Consumers written against OpenAPI documents: a contract repo's spec served in code by two deployments (C# and
/// Python), one spec file committed in two provider repos (and in the consumer, for its code generator), and two
/// unrelated specs sharing a path, told apart by the operation id a generated client carries.
/// </summary>
public sealed class SpecMediatedLinkingTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private const string OrdersContract =
        """
        openapi: 3.0.3
        info: { title: Orders, version: 1.0.0 }
        paths:
          /orders:
            get: { operationId: listOrders, responses: { '200': { description: ok } } }
          /orders/{id}:
            get: { operationId: getOrder, responses: { '200': { description: ok } } }
        """;

    private const string OrdersEu =
        """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/orders", () => TypedResults.Ok());
        app.MapGet("/orders/{id}", (string id) => TypedResults.Ok());
        app.Run();
        """;

    private const string OrdersUs =
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/orders")
        def list_orders():
            return []


        @app.get("/orders/{order_id}")
        def get_order(order_id: str):
            return {}
        """;

    private const string BillingSpec =
        """
        openapi: 3.0.3
        info: { title: Billing, version: 2.1.0 }
        paths:
          /invoices/{invoiceId}:
            get: { operationId: getInvoice, responses: { '200': { description: ok } } }
        """;

    private const string CatalogSpec =
        """
        openapi: 3.0.3
        info: { title: Catalog, version: 1.0.0 }
        paths:
          /items/{id}:
            get: { operationId: getCatalogItem, responses: { '200': { description: ok } } }
        """;

    private const string InventorySpec =
        """
        openapi: 3.0.3
        info: { title: Inventory, version: 1.0.0 }
        paths:
          /items/{sku}:
            get: { operationId: getStockItem, responses: { '200': { description: ok } } }
        """;

    private const string OrdersService =
        """
        import type { CancelablePromise } from "../core/CancelablePromise";
        import { OpenAPI } from "../core/OpenAPI";
        import { request as __request } from "../core/request";

        export class OrdersService {
          public static listOrders(): CancelablePromise<Array<Order>> {
            return __request(OpenAPI, {
              method: "GET",
              url: "/orders",
            });
          }

          public static getOrder(id: string): CancelablePromise<Order> {
            return __request(OpenAPI, {
              method: "GET",
              url: "/orders/{id}",
              path: { id },
            });
          }
        }
        """;

    private const string CatalogService =
        """
        import { OpenAPI } from "../core/OpenAPI";
        import { request as __request } from "../core/request";

        export class CatalogService {
          public static getCatalogItem(id: string) {
            return __request(OpenAPI, { method: "GET", url: "/items/{id}", path: { id } });
          }
        }
        """;

    private const string Pages =
        """
        export async function invoice(id: string) {
          return fetch(`${import.meta.env.VITE_BILLING_URL}/invoices/${id}`);
        }

        export async function item(id: string) {
          return fetch(`/items/${id}`);
        }
        """;

    private WorkspaceIndex? _index;

    private async Task<GraphSnapshot> Build()
    {
        _workspace.AddRepo("contracts").Write("specs/orders.yaml", OrdersContract).Commit();
        _workspace.AddRepo("orders-eu").Write("src/Orders.Api/Program.cs", OrdersEu).Commit();
        _workspace.AddRepo("orders-us").Write("app/main.py", OrdersUs).Commit();
        _workspace.AddRepo("billing-eu").Write("openapi/billing.yaml", BillingSpec).Commit();
        _workspace.AddRepo("billing-us").Write("api/billing.yaml", BillingSpec).Commit();
        _workspace.AddRepo("catalog").Write("openapi.yaml", CatalogSpec).Commit();
        _workspace.AddRepo("inventory").Write("openapi.yaml", InventorySpec).Commit();
        _workspace.AddRepo("shop").Write("src/client/services/OrdersService.ts", OrdersService)
            .Write("src/client/services/CatalogService.ts", CatalogService).Write("src/pages.ts", Pages)
            .Write("codegen/billing.yaml", BillingSpec).Commit();
        _index = _workspace.OpenIndex();
        await _index.IndexAsync(new IndexRequest());
        return _index.Store.Graph();
    }

    private static List<(string Call, string Endpoint, double Score, string Reason, string? Via)> LinksOf(GraphSnapshot graph, string file)
    {
        var calls = graph.CallSites.ToDictionary(c => c.Id);
        return graph.Links.Where(l => calls[l.CallSite].File == file)
            .OrderBy(l => calls[l.CallSite].Line).ThenBy(l => l.Endpoint, StringComparer.Ordinal)
            .Select(l => ($"{calls[l.CallSite].File}:{calls[l.CallSite].Line}", l.Endpoint, l.Score, l.Reason, l.Via)).ToList();
    }

    [Fact]
    public async Task A_generated_client_of_a_contract_links_to_every_service_that_implements_it_through_the_contract()
    {
        var graph = await Build();

        Assert.Equal(
            [
                ("src/client/services/OrdersService.ts:7", "orders-eu:GET:/orders", 0.8,
                    "spec-mediated: operation listOrders of the OpenAPI document in contracts, served by orders-eu, orders-us", "contracts:GET:/orders"),
                ("src/client/services/OrdersService.ts:7", "orders-us:GET:/orders", 0.8,
                    "spec-mediated: operation listOrders of the OpenAPI document in contracts, served by orders-eu, orders-us", "contracts:GET:/orders"),
                ("src/client/services/OrdersService.ts:14", "orders-eu:GET:/orders/{}", 0.8,
                    "spec-mediated: operation getOrder of the OpenAPI document in contracts, served by orders-eu, orders-us", "contracts:GET:/orders/{}"),
                ("src/client/services/OrdersService.ts:14", "orders-us:GET:/orders/{}", 0.8,
                    "spec-mediated: operation getOrder of the OpenAPI document in contracts, served by orders-eu, orders-us", "contracts:GET:/orders/{}"),
            ],
            LinksOf(graph, "src/client/services/OrdersService.ts"));
    }

    [Fact]
    public async Task One_spec_file_committed_in_two_provider_repos_links_to_both_but_not_to_the_consumers_own_copy()
    {
        var graph = await Build();

        const string reason = "spec-mediated: operation getInvoice of the OpenAPI document in billing-eu, billing-us, shop, served by billing-eu, billing-us";
        Assert.Equal(
            [
                ("src/pages.ts:2", "billing-eu:GET:/invoices/{}", 0.8, reason, null),
                ("src/pages.ts:2", "billing-us:GET:/invoices/{}", 0.8, reason, null),
            ],
            LinksOf(graph, "src/pages.ts").Where(l => l.Endpoint.Contains("invoices", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_operation_id_a_generated_client_carries_picks_its_document_where_a_plain_call_stays_unresolved()
    {
        var graph = await Build();

        Assert.Equal(
            [("src/client/services/CatalogService.ts:6", "catalog:GET:/items/{}", 0.85,
                "spec-mediated: operation getCatalogItem of the OpenAPI document in catalog, served by catalog; the generated client names getCatalogItem", null)],
            LinksOf(graph, "src/client/services/CatalogService.ts"));
        // Two documents describe the path and nothing names one: no evidence which service the plain call reaches.
        Assert.DoesNotContain(LinksOf(graph, "src/pages.ts"), l => l.Endpoint.Contains("items", StringComparison.Ordinal));
        var plain = Assert.Single(_index!.Store.UnresolvedCalls(), u => u.CallSite.File == "src/pages.ts" && u.CallSite.Fact.Url.Contains("items", StringComparison.Ordinal));
        Assert.StartsWith("no evidence which repo it reaches: GET /items/", plain.Reason);
        Assert.Contains(" is served by catalog GET /items/{id}, inventory GET /items/{sku} (", plain.Reason);
    }

    [Fact]
    public async Task A_spec_mediated_link_never_points_to_the_contract_or_the_callers_copy()
    {
        var graph = await Build();

        var repos = graph.Endpoints.ToDictionary(e => e.Id, e => e.Repo);
        Assert.DoesNotContain(graph.Links, l => repos[l.Endpoint] is "contracts" or "shop");
    }

    [Fact]
    public async Task The_consumers_of_a_contracts_operation_are_the_calls_mediated_through_it_once_each()
    {
        await Build();

        var consumers = _index!.Store.Consumers("contracts:GET:/orders/{}", 0, 50);
        var listed = _index.Store.Endpoints(new EndpointQuery(Repo: "contracts")).Items.ToDictionary(r => r.Endpoint.Id, r => r.Consumers);

        var consumer = Assert.Single(consumers.Items);
        Assert.Equal((1, "shop", 14, "orders-eu:GET:/orders/{}", "contracts:GET:/orders/{}"),
            (consumers.Total, consumer.CallSite.Repo, consumer.CallSite.Line, consumer.Link.Endpoint, consumer.Link.Via));
        Assert.Equal(1, listed["contracts:GET:/orders/{}"]);
        Assert.Equal(1, _index.Store.Consumers("orders-us:GET:/orders/{}", 0, 50).Total);
    }
}
