using System.Reflection;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Diff;

public sealed class UnchangedOperationTests
{
    /// <summary>A schema keyword missing from <see cref="ApiSchema.Subschemas"/> would let a diff skip an operation whose schema changed there.</summary>
    [Fact]
    public void Subschemas_lists_every_schema_valued_member_of_the_record()
    {
        var schema = new ApiSchema();
        var expected = new List<string>();
        foreach (var property in typeof(ApiSchema).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var child = new ApiSchema { Title = property.Name };
            object? value = property.PropertyType switch
            {
                var t when t == typeof(ApiSchema) => child,
                var t when t == typeof(IReadOnlyList<ApiSchema>) => new List<ApiSchema> { child },
                var t when t == typeof(IReadOnlyDictionary<string, ApiSchema>) => new Dictionary<string, ApiSchema> { ["x"] = child },
                var t when t.IsGenericType && t.GetGenericArguments().Contains(typeof(ApiSchema)) => throw new InvalidOperationException($"{property.Name}: a new kind of schema-valued member; teach Subschemas and this test"),
                _ => null,
            };
            if (value is null) continue;
            property.SetValue(schema, value);
            expected.Add(property.Name);
        }

        var found = schema.Subschemas().Select(s => s.Title!).Order(StringComparer.Ordinal);

        Assert.True(expected.Count >= 17, $"only {expected.Count} schema-valued members found");
        Assert.Equal(expected.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void An_operation_reaching_a_schema_changed_under_any_keyword_is_still_compared()
    {
        const string paths = "/a: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Box'}}}}}}}";
        static string Components(int maximum) =>
            $"components: {{schemas: {{Box: {{type: object, properties: {{inner: {{type: array, items: {{$ref: '#/components/schemas/Item'}}}}}}}}, Item: {{type: object, properties: {{qty: {{type: integer, maximum: {maximum}}}}}}}}}}}";

        var changes = SpecDiff.Run(SpecDiff.Document(paths, Components(10)), SpecDiff.Document(paths, Components(20)));
        var none = SpecDiff.Run(SpecDiff.Document(paths, Components(10)), SpecDiff.Document(paths, Components(10)));

        Assert.Contains(changes, c => c.Rule == "response-property-max-increased");
        Assert.Empty(none);
    }
}
