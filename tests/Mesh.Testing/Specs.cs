namespace Mesh.Testing;

/// <summary>Small realistic API descriptions used across test projects.</summary>
public static class Specs
{
    public const string OrdersYaml =
        """
        openapi: 3.1.0
        info: { title: Orders, version: "1" }
        paths:
          /orders:
            get:
              operationId: listOrders
              responses:
                '200': { description: ok }
            post:
              operationId: createOrder
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/NewOrder' }
              responses:
                '201': { description: created }
          /orders/{id}:
            get:
              operationId: getOrder
              parameters:
                - { name: id, in: path, required: true, schema: { type: string } }
              responses:
                '200': { description: ok }
        components:
          schemas:
            NewOrder:
              type: object
              required: [sku]
              properties:
                sku: { type: string }
        """;

    public const string BillingJson =
        """
        {
          "swagger": "2.0",
          "info": { "title": "Billing", "version": "1" },
          "paths": {
            "/invoices/{id}": {
              "get": { "operationId": "getInvoice", "parameters": [ { "name": "id", "in": "path", "required": true, "type": "string" } ],
                       "responses": { "200": { "description": "ok" } } }
            }
          }
        }
        """;

    /// <summary>The orders spec with one more operation, to see an edit arrive.</summary>
    public static string OrdersYamlWithDelete => OrdersYaml.Replace(
        "  /orders/{id}:\n",
        "  /orders/{id}:\n    delete:\n      operationId: deleteOrder\n      responses:\n        '204': { description: gone }\n",
        StringComparison.Ordinal) is var edited && edited != OrdersYaml ? edited : throw new InvalidOperationException("fixture edit did not apply");
}
