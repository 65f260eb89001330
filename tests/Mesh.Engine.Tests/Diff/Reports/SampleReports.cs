using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Reports;

/// <summary>
/// A realistic diff of the orders service, built by hand so that format tests do not move when rules are added:
/// a new required request property, a removed operation, a removed response field one consumer does not read,
/// a new enum value, a new status code; an ignore file that accepts one change and has one expired entry.
/// </summary>
public static class SampleReports
{
    public static readonly DateOnly Today = new(2026, 3, 1);

    public const string IgnoreText =
        """
        # Accepted API changes: rule-id METHOD /path [until YYYY-MM-DD] [# reason]
        api-removed-without-deprecation DELETE /orders/{orderId}/notes until 2999-12-31 # notes moved to /notes; no consumer left
        response-optional-property-removed GET /orders/{orderId} until 2026-01-31  # price moved to /prices
        """;

    /// <summary>The catalog the SARIF golden lists: the sample's ids plus one the sample does not report.</summary>
    public static readonly IReadOnlyList<RuleInfo> Catalog =
    [
        new("api-removed-without-deprecation", ChangeLevel.Err),
        new("request-property-became-required", ChangeLevel.Err),
        new("response-optional-property-removed", ChangeLevel.Warn),
        new("response-property-enum-value-added", ChangeLevel.Warn),
        new("response-success-status-added", ChangeLevel.Info),
        new("request-parameter-removed", ChangeLevel.Warn),
    ];

    private static readonly AffectedConsumer WebappGetOrder = new("webapp:src/WebApp/Services/OrderingService.cs:18", "webapp",
        "src/WebApp/Services/OrderingService.cs", 18, "GET", "api/orders/{id}", false, ChangeLevel.Info, "reads id, status, items[].sku; never items[].price");

    public static DiffReport Report() => new(
        new DiffSummary("orders", "main (0123456789ab)", "worktree", 3, 2, 1, false, "set by the differ"),
        [
            new Change("request-property-became-required", ChangeLevel.Err, "POST", "/orders", "request body .customer",
                "request property customer became required")
            {
                Id = "orders:5c1e0a9b7d", Before = "optional", After = "required", EndpointId = "orders:POST:/orders", File = "api/openapi.yaml", Line = 12,
                Affected =
                [
                    new("storefront:src/api.ts:14", "storefront", "src/api.ts", 14, "POST", "${BASE}/orders", false, ChangeLevel.Err, "sends { sku, quantity }: no customer"),
                    new("webapp:src/WebApp/Services/OrderingService.cs:31", "webapp", "src/WebApp/Services/OrderingService.cs", 31, "POST", "api/orders", false, ChangeLevel.Err, "sends NewOrderRequest, which has no customer"),
                ],
            },
            new Change("response-success-status-added", ChangeLevel.Info, "POST", "/orders", "response 202", "POST /orders may now answer 202")
            {
                Id = "orders:8f2d4c6a01", EndpointId = "orders:POST:/orders", File = "api/openapi.yaml", Line = 12,
            },
            new Change("api-removed-without-deprecation", ChangeLevel.Err, "DELETE", "/orders/{id}", "operation",
                "DELETE /orders/{id} was removed without being deprecated first")
            {
                Id = "orders:a03b9e7c52", EndpointId = "orders:DELETE:/orders/{}", File = "api/openapi.yaml", Line = 40,
                Affected =
                [
                    new("reports:app/orders_client.py:22", "reports", "app/orders_client.py", 22, "DELETE", "{ORDERS_URL}/orders/{order_id}", false, ChangeLevel.Err, "calls the removed operation"),
                    new("webapp:tests/OrderingTests.cs:9", "webapp", "tests/OrderingTests.cs", 9, "DELETE", "/orders/1", true, ChangeLevel.Err, "calls the removed operation"),
                ],
            },
            new Change("response-optional-property-removed", ChangeLevel.Warn, "GET", "/orders/{id}", "response 200 body .items[].price",
                "response property items[].price was removed")
            {
                Id = "orders:c4d8f1a6e3", Before = "{\"type\":\"number\"}", EndpointId = "orders:GET:/orders/{}", File = "api/openapi.yaml", Line = 30,
                Affected = [WebappGetOrder],
            },
            new Change("response-property-enum-value-added", ChangeLevel.Warn, "GET", "/orders/{id}", "response 200 body .status",
                "response property status may now be 'refunded'")
            {
                Id = "orders:d9e2b7c410", Before = "[\"open\",\"paid\"]", After = "[\"open\",\"paid\",\"refunded\"]", EndpointId = "orders:GET:/orders/{}", File = "api/openapi.yaml", Line = 30,
                Affected = [WebappGetOrder with { Level = ChangeLevel.Warn, Evidence = "reads status" }],
            },
            new Change("api-removed-without-deprecation", ChangeLevel.Err, "DELETE", "/orders/{id}/notes", "operation",
                "DELETE /orders/{id}/notes was removed without being deprecated first")
            {
                Id = "orders:f17a3c5e88", EndpointId = "orders:DELETE:/orders/{}/notes", File = "api/openapi.yaml", Line = 52,
            },
        ]);

    /// <summary>The report after the sample ignore file, on <see cref="Today"/>.</summary>
    public static DiffOutcome Outcome() => IgnoreFile.Parse(IgnoreFile.DefaultName, IgnoreText, Catalog).Apply(Report(), Today);
}
