using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class PropertyTypeChangedTests
{
    private static string Filter(string type) => """{"type": "object", "properties": {"groupId": {"type": """ + type + "}}}";

    [Fact]
    public void Changing_a_response_property_type_breaks_readers()
    {
        var change = Assert.Single(SchemaChanges.OfResponseBody(Filter("\"integer\""), Filter("\"string\"")));

        Assert.Equal(("response-property-type-changed", ChangeLevel.Err), (change.Rule, change.Level));
        Assert.Equal("response 200 body property 'groupId' type changed from integer to string", change.Message);
    }

    [Fact]
    public void Accepting_numbers_where_a_request_took_integers_is_compatible()
    {
        var change = Assert.Single(SchemaChanges.OfRequestBody(Filter("\"integer\""), Filter("\"number\"")));

        Assert.Equal(("request-property-type-generalized", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void A_text_parameter_property_that_becomes_a_number_accepts_fewer_values()
    {
        var change = Assert.Single(SchemaChanges.OfParameter(Filter("\"string\""), Filter("\"number\"")));

        Assert.Equal(("request-parameter-property-type-specialized", ChangeLevel.Err), (change.Rule, change.Level));
    }

    /// <summary>POST /orders with a request body (or 200 response) of <paramref name="mediaType"/> holding <paramref name="schema"/>.</summary>
    private static string Orders(string mediaType, string schema, bool response = false) => SpecDiff.Document(
        "/orders:\n  post:\n" +
        (response ? "" : $"    requestBody: {{ content: {{ {mediaType}: {{ schema: {schema} }} }} }}\n") +
        "    responses:\n      '200':\n        description: ok" + (response ? $"\n        content: {{ {mediaType}: {{ schema: {schema} }} }}" : ""));

    [Fact]
    public void An_xml_request_body_that_becomes_a_string_still_takes_what_clients_send()
    {
        var change = Assert.Single(SpecDiff.Run(Orders("application/xml", "{ type: object }"), Orders("application/xml", "{ type: string }")));

        Assert.Equal(("request-body-type-compatible", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void The_same_swap_in_json_breaks_clients()
    {
        var change = Assert.Single(SpecDiff.Run(Orders("application/json", "{ type: object }"), Orders("application/json", "{ type: string }")));

        Assert.Equal(("request-body-type-changed", ChangeLevel.Err), (change.Rule, change.Level));
    }

    [Fact]
    public void A_text_response_that_promised_a_string_may_carry_a_number()
    {
        var change = Assert.Single(SpecDiff.Run(Orders("text/plain", "{ type: string }", response: true), Orders("text/plain", "{ type: integer }", response: true)));

        Assert.Equal(("response-body-type-compatible", ChangeLevel.Info), (change.Rule, change.Level));
    }

    [Fact]
    public void Properties_of_loosely_typed_bodies_are_compatible_the_same_way()
    {
        const string before = "{ type: object, properties: { qty: { type: integer } } }";
        const string after = "{ type: object, properties: { qty: { type: string } } }";
        Assert.Equal("request-property-type-compatible", Assert.Single(SpecDiff.Run(Orders("application/xml", before), Orders("application/xml", after))).Rule);
        Assert.Equal("response-property-type-compatible", Assert.Single(SpecDiff.Run(Orders("application/xml", after, response: true), Orders("application/xml", before, response: true))).Rule);
    }

    [Fact]
    public void A_response_header_that_promised_text_may_carry_a_number()
    {
        var change = Assert.Single(SpecDiff.Run(ResponseHeaderSpecs.ListOrders("X-Total: { schema: { type: string } }"), ResponseHeaderSpecs.ListOrders("X-Total: { schema: { type: integer } }")));

        Assert.Equal(("response-header-type-compatible", ChangeLevel.Info), (change.Rule, change.Level));
    }
}
