using CsCheck;
using Mesh.Engine.Model;
using Mesh.Engine.Tests.Diff;

namespace Mesh.Engine.Tests.Properties;

/// <summary>Properties that hold for every input, checked on generated ones (CsCheck shrinks a failure to a small case).</summary>
public sealed class PropertyTests
{
    private static readonly Gen<string> Literal = Gen.String[Gen.Char["abcxyz09-_."], 1, 6];
    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 1, 8];

    /// <summary>A route segment: literal text, or a parameter in any framework's style (with or without constraints).</summary>
    private static readonly Gen<(string Template, bool Parameter)> Segment = Gen.OneOf(
        Literal.Select(l => (l, false)),
        Name.Select(n => ($"{{{n}}}", true)),
        Name.Select(n => ($"{{{n}:int}}", true)),
        Name.Select(n => ($"{{{n}?}}", true)),
        Name.Select(n => ($"{{*{n}}}", true)));

    private static readonly Gen<(string Template, bool Parameter)[]> Route = Segment.Array[0, 6];

    private static string Template((string Template, bool Parameter)[] route, string separator = "/") =>
        "/" + string.Join(separator, route.Select(s => s.Template));

    [Fact]
    public void Path_key_normalization_is_idempotent() =>
        Route.Sample(route =>
        {
            var key = PathKey.FromTemplate(Template(route));
            return PathKey.FromTemplate(key) == key;
        });

    [Theory]
    [InlineData("/api/{action?}/{id?}", "/api/{}/{}")]
    [InlineData("/orders/{id?}?page=2", "/orders/{}")]
    public void An_optional_parameter_is_not_a_query(string template, string key) => Assert.Equal(key, PathKey.FromTemplate(template));

    [Fact]
    public void Path_key_does_not_depend_on_parameter_names_or_style() =>
        Gen.Select(Route, Name).Sample((route, other) =>
        {
            var renamed = route.Select(s => s.Parameter ? ($"{{{other}}}", true) : s).ToArray();
            return PathKey.FromTemplate(Template(route)) == PathKey.FromTemplate(Template(renamed))
                && PathKey.FromTemplate(Template(route)) == PathKey.FromTemplate(Template(route, "//") + "/");
        });

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.Const("{type: string}"),
        Gen.Const("{type: string, format: date-time, nullable: true}"),
        Gen.Int[0, 100].Select(n => $"{{type: integer, minimum: {n}, maximum: {n + 10}}}"),
        Name.Array[1, 5].Select(values => $"{{type: string, enum: [{string.Join(", ", values.Distinct())}]}}"),
        Gen.Const("{type: boolean, default: false}"));

    /// <summary>A property schema in YAML flow style: scalars with formats, enums, bounds, arrays and nested objects.</summary>
    private static readonly Gen<string> Schema = Gen.Recursive<string>((depth, schema) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, schema.Select(items => $"{{type: array, items: {items}, maxItems: 10}}")),
            (1, Gen.Select(Name.Array[1, 4], schema.Array[4], Gen.Bool).Select((names, schemas, required) =>
                $"{{type: object, properties: {{{string.Join(", ", names.Distinct().Select((n, i) => $"{n}: {schemas[i]}"))}}}" +
                (required ? $", required: [{names[0]}]" : "") + "}"))));

    private static readonly Gen<string> Operation = Gen.Select(Route, Gen.OneOf(Gen.Const("get"), Gen.Const("post"), Gen.Const("put")), Schema, Schema)
        .Select((route, verb, request, response) =>
        {
            var path = "/r" + Template(route).TrimEnd('/');
            var parameters = route.Where(s => s.Parameter).Select(s => s.Template.Trim('{', '}', '*', '?').Split(':')[0]).Distinct().ToList();
            var yaml = $"{path}:\n  {verb}:\n";
            if (parameters.Count > 0)
                yaml += "    parameters:\n" + string.Concat(parameters.Select(p => $"      - {{name: {p}, in: path, required: true, schema: {{type: string}}}}\n"));
            if (verb != "get") yaml += $"    requestBody: {{content: {{application/json: {{schema: {request}}}}}}}\n";
            return yaml + $"    responses:\n      '200': {{description: ok, content: {{application/json: {{schema: {response}}}}}}}\n";
        });

    [Fact]
    public void A_generated_spec_diffed_with_itself_has_no_changes() =>
        Operation.Array[1, 4].Sample(operations =>
        {
            var unique = operations.GroupBy(o => o.Split('\n')[0]).Select(g => g.First());
            var spec = SpecDiff.Document(string.Join("\n", unique).TrimEnd());
            return SpecDiff.Run(spec, spec).Count == 0;
        }, iter: 200);
}
