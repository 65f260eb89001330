using System.Text.Json;
using Mesh.Engine.Model;
using Xunit;

namespace Mesh.Engine.Tests.Extraction.OpenApi;

/// <summary>OpenAPI 3.1 schemas are JSON Schema 2020-12: the keywords beyond OpenAPI 3.0 reach <see cref="ApiSchema"/>.</summary>
public sealed class JsonSchema2020Tests
{
    private const string Document =
        """
        openapi: 3.1.0
        info: { title: Keywords, version: 1.0.0 }
        paths: {}
        components:
          schemas:
            Tag: { type: string }
            Everything:
              type: [object, array, "null"]
              not: { type: integer }
              if: { properties: { kind: { const: special } } }
              then: { required: [code] }
              else: { properties: { code: { type: string } } }
              prefixItems:
                - { type: integer }
                - { $ref: '#/components/schemas/Tag' }
              contains: { type: integer }
              minContains: 2
              maxContains: 5
              patternProperties:
                '^x-': { type: string }
              dependentRequired:
                card: [zip, cvc]
              dependentSchemas:
                iban: { required: [bic] }
              unevaluatedProperties: { type: string }
              unevaluatedItems: { type: boolean }
              contentSchema: { type: object }
              contentMediaType: application/json
              contentEncoding: base64
            Refusing:
              unevaluatedProperties: false
              unevaluatedItems: false
            Consts:
              properties:
                number: { const: 1 }
                text: { const: "1" }
                nothing: { const: null }
                shape: { const: { k: [1, true] } }
                const: { type: string }
        """;

    [Fact]
    public void Every_2020_12_keyword_is_read()
    {
        var schema = Specs.ExtractText("keywords.yaml", Document).Schema("Everything");

        Assert.Equal(["array", "object"], schema.Types);
        Assert.True(schema.Nullable);
        Assert.Equal(["integer"], schema.Not?.Types);
        Assert.Equal("\"special\"", schema.If?.Property("kind").Const);
        Assert.Equal(["code"], schema.Then?.Required);
        Assert.Equal(["string"], schema.Else?.Property("code").Types);
        Assert.Equal(["integer"], schema.PrefixItems?[0].Types);
        Assert.Equal("Tag", schema.PrefixItems?[1].Ref);
        Assert.Equal(["integer"], schema.Contains?.Types);
        Assert.Equal((2, 5), (schema.MinContains, schema.MaxContains));
        Assert.Equal(["string"], Assert.Contains("^x-", schema.PatternProperties!).Types);
        Assert.Equal(["cvc", "zip"], Assert.Contains("card", schema.DependentRequired!));
        Assert.Equal(["bic"], Assert.Contains("iban", schema.DependentSchemas!).Required);
        Assert.Equal(["string"], schema.UnevaluatedProperties?.Types);
        Assert.Null(schema.UnevaluatedPropertiesAllowed);
        Assert.Equal(["boolean"], schema.UnevaluatedItems?.Types);
        Assert.Equal(["object"], schema.ContentSchema?.Types);
        Assert.Equal(("application/json", "base64"), (schema.ContentMediaType, schema.ContentEncoding));
    }

    [Fact]
    public void Refusing_unevaluated_members_is_kept_as_false()
    {
        var schema = Specs.ExtractText("keywords.yaml", Document).Schema("Refusing");

        Assert.Equal((false, false), (schema.UnevaluatedPropertiesAllowed, schema.UnevaluatedItemsAllowed));
        Assert.Null(schema.UnevaluatedProperties);
        Assert.Null(schema.UnevaluatedItems);
    }

    [Fact]
    public void Const_keeps_its_JSON_value_and_a_property_named_const_stays_a_property()
    {
        var consts = Specs.ExtractText("keywords.yaml", Document).Schema("Consts");

        Assert.Equal("1", consts.Property("number").Const);
        Assert.Equal("\"1\"", consts.Property("text").Const);
        Assert.Equal("null", consts.Property("nothing").Const);
        Assert.Equal("""{"k":[1,true]}""", consts.Property("shape").Const);
        Assert.Equal(["const", "nothing", "number", "shape", "text"], consts.Properties!.Keys);
        Assert.Null(consts.Property("const").Const);
        Assert.Null(consts.Const);
    }

    [Fact]
    public void OpenApi_3_0_has_no_2020_12_keywords()
    {
        var schema = Specs.ExtractText("old.yaml", Document.Replace("openapi: 3.1.0", "openapi: 3.0.3", StringComparison.Ordinal)).Schema("Consts");

        Assert.Null(schema.Property("number").Const);
    }

    [Fact]
    public void Absent_keywords_add_nothing_to_stored_or_serialized_schemas()
    {
        var plain = new ApiSchema { Types = ["string"] };

        Assert.Equal("""{"types":["string"]}""", JsonSerializer.Serialize(plain, MeshJson.Storage));
        Assert.Equal("""{"types":["string"]}""", JsonSerializer.Serialize(plain, MeshJson.Options));
        var members = JsonSerializer.Serialize(plain);
        Assert.DoesNotContain("Const", members, StringComparison.Ordinal);
        Assert.DoesNotContain("Unevaluated", members, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_survive_a_round_trip_through_storage_JSON()
    {
        var schema = Specs.ExtractText("keywords.yaml", Document).Schema("Everything");

        var stored = JsonSerializer.Serialize(schema, MeshJson.Storage);
        var read = JsonSerializer.Deserialize<ApiSchema>(stored, MeshJson.Storage)!;

        Assert.Equal(stored, JsonSerializer.Serialize(read, MeshJson.Storage));
        Assert.Equal(["cvc", "zip"], read.DependentRequired!["card"]);
        Assert.Equal("Tag", read.PrefixItems![1].Ref);
    }
}
