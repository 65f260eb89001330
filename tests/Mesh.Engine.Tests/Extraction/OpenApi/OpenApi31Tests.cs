using Mesh.Engine.Extraction;
using Xunit;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

public sealed class OpenApi31Tests
{
    [Fact]
    public void Webhooks_are_not_endpoints()
    {
        var facts = Specs.Extract("catalog-3.1.yaml");

        Assert.Empty(facts.Diagnostics);
        Assert.Equal([("GET", "/categories/{id}", 14, "getCategory"), ("GET", "/tree", 31, "getTree")],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Line, e.OperationId)));
        Assert.All(facts.Endpoints, e => Assert.Equal("openapi-3.1", e.Framework));
    }

    [Fact]
    public void Server_variables_take_their_defaults_in_the_base_path()
    {
        var facts = Specs.Extract("catalog-3.1.yaml");

        Assert.All(facts.Endpoints, e => Assert.Equal("/v3", e.BasePath));
    }

    [Fact]
    public void Null_in_a_3_1_type_list_becomes_nullable()
    {
        var discount = Specs.Extract("catalog-3.1.yaml").Schema("Category").Property("discount");

        Assert.Equal(["number"], discount.Types);
        Assert.True(discount.Nullable);
        Assert.Equal((0m, true, 90m, false), (discount.Minimum, discount.ExclusiveMinimum, discount.Maximum, discount.ExclusiveMaximum));
    }

    [Fact]
    public void Recursive_schemas_stay_references_in_the_table()
    {
        var facts = Specs.Extract("catalog-3.1.yaml");

        var parent = facts.Schema("Category").Property("parent");
        Assert.Equal("Category", parent.AnyOf![0].Ref);
        Assert.True(parent.AnyOf[1].Nullable);
        Assert.Null(parent.AnyOf[1].Types);

        var tree = facts.Schema("TreeNode");
        Assert.Equal("TreeNode", tree.Property("children").Items?.Ref);
        Assert.Equal("TreeNode", facts.Endpoint("GET", "/tree").Response("200").Schema?.Ref);
    }

    [Fact]
    public void Additional_properties_keep_their_schema_or_their_refusal()
    {
        var tree = Specs.Extract("catalog-3.1.yaml").Schema("TreeNode");

        Assert.False(tree.Property("meta").AdditionalPropertiesAllowed);
        Assert.Equal(["string"], tree.Property("attributes").AdditionalProperties?.Types);
        Assert.Null(tree.Property("attributes").AdditionalPropertiesAllowed);
    }

    [Fact]
    public void Json_3_1_spec_reads_lines_enums_with_null_and_discriminators()
    {
        var facts = Specs.Extract("shipping-3.1.json");

        Assert.Empty(facts.Diagnostics);
        Assert.Equal([("POST", "/shipments", 7), ("GET", "/shipments/{id}", 19)], facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.All(facts.Endpoints, e => Assert.Null(e.BasePath));

        var shipment = facts.Schema("Shipment");
        Assert.Equal(["\"ups\"", "\"dhl\"", "null"], shipment.Property("carrier").Enum);
        Assert.True(shipment.Property("weightKg").Nullable);
        var mode = shipment.Property("mode");
        Assert.Equal("kind", mode.Discriminator);
        Assert.Equal(["Air", "Ground"], mode.OneOf!.Select(s => s.Ref));
        Assert.True(facts.Schema("Air").Property("flight").WriteOnly);
        Assert.True(facts.Schema("Ground").Deprecated);

        var body = facts.Endpoint("POST", "/shipments").RequestBody!;
        Assert.Equal((true, "Shipment"), (body.Required, body.Schema?.Ref));
        Assert.Equal("Shipment", facts.Endpoint("POST", "/shipments").Response("202").Schema?.Ref);
    }
}
