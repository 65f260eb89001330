using System.Text;

namespace Mesh.Engine.Tests.Reliability;

/// <summary>
/// Adversarial files, generated (never committed: some are megabytes): malformed and hostile OpenAPI, pathological
/// source files, binary content behind source names. Each entry says what a user should see for it: a diagnostic
/// whose message contains <c>Expect</c>, or (null) any outcome that finishes in bounded time and memory.
/// </summary>
public static class BadInputCorpus
{
    public sealed record Entry(string Name, string Path, Func<byte[]> Content, string? Expect);

    private const string Header = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("json nested 100,000 deep", "api/deep.json",
            () => Utf8("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}"),
            "depth"),
        new("yaml flow nested 100,000 deep", "api/deep.yaml", () => Utf8(Header + "paths: {}\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n"), "deeper than"),
        new("yaml block nested 2,000 deep", "api/deep-block.yaml", () => Utf8(Header + "paths: {}\nx:\n" + string.Concat(Enumerable.Range(1, 2000).Select(i => new string(' ', i) + "k:\n"))), "deeper than"),
        new("schema nested 55 deep", "api/deep-schema.json", () => Utf8(DeepSchema(55)), null),
        new("$ref cycles through schemas", "api/cycles.yaml", () => Utf8(RefCycles), null),
        new("$ref cycle of responses", "api/response-cycle.yaml", () => Utf8(ResponseCycle), "Circular reference detected"),
        new("enum of 200,000 values", "api/enum.yaml", () => Utf8(HugeEnum(200_000)), null),
        new("invalid UTF-8", "api/latin1.yaml", () => [.. Utf8(Header + "paths:\n  /caf"), 0xE9, .. Utf8(":\n    get: {responses: {'200': {description: ok}}}\n")], "invalid UTF-8"),
        new("YAML billion laughs", "api/laughs.yaml", () => Utf8(BillionLaughs), "aliases expand to more than"),
        new("YAML alias as a key", "api/alias-key.yaml", () => Utf8(Header + "a: &k x\npaths:\n  *k : 1\n"), null),
        new("unknown alias", "api/unknown-alias.yaml", () => Utf8(Header + "paths: *nowhere\n"), "unknown YAML alias"),
        new("paths of the wrong type", "api/wrong-types.yaml", () => Utf8(Header + "paths: [1, 2, {a: b}]\ncomponents: 7\n"), null),
        new("operations of the wrong type", "api/wrong-ops.yaml", () => Utf8(Header + "paths:\n  /x: 'text'\n  /y:\n    get: [1]\n    post: {responses: 3, parameters: {a: 1}}\n"), null),
        new("json with a 1 MB key", "api/big-key.json", () => Utf8("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/" + new string('a', 1 << 20) + "\":{}}}"), null),
        new("python of 100,000 lines", "src/big.py", () => Utf8(Lines(100_000, i => i % 1000 == 0 ? $"@app.get('/r{i}')\ndef r{i}(): return requests.get('http://x/r{i}')" : $"v{i} = {i}")), null),
        new("typescript of 100,000 lines", "src/big.ts", () => Utf8(Lines(100_000, i => i % 1000 == 0 ? $"fetch('/r{i}');" : $"const v{i} = {i};")), null),
        new("C# of 100,000 lines", "src/Big.cs", () => Utf8("class Big {\n" + Lines(100_000, i => $"int v{i} = {i};") + "}\n"), null),
        new("python of one 1 MB line", "src/line.py", () => Utf8("x = [" + string.Concat(Enumerable.Repeat("1,", 1 << 19)) + "1]\n"), null),
        new("javascript of one 1 MB line", "src/line.js", () => Utf8("const x = [" + string.Concat(Enumerable.Repeat("1,", 1 << 19)) + "1];\n"), "minified or generated code"),
        new("C# of one 1 MB line", "src/Line.cs", () => Utf8("class L { int[] x = {" + string.Concat(Enumerable.Repeat("1,", 1 << 19)) + "1}; }\n"), null),
        new("python nested 20,000 parentheses", "src/nested.py", () => Utf8("x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + "\n"), null),
        new("python chain of 50,000 additions", "src/sum.py", () => Utf8("x = " + string.Join(" + ", Enumerable.Repeat("1", 50_000)) + "\n"), null),
        new("typescript nested 20,000 parentheses", "src/nested.ts", () => Utf8("const x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + ";\n"), null),
        new("typescript nested 1,000 parentheses between calls", "src/nested-calls.ts",
            () => Utf8("fetch('/a');\nconst x = " + new string('(', 1_000) + "fetch('/b')" + new string(')', 1_000) + ";\nfetch('/c');\n"), "line 2 (2,022 bytes) longer than 2,000 bytes not read"),
        new("typescript chain of 50,000 additions", "src/sum.ts", () => Utf8("const x = " + string.Join(" + ", Enumerable.Repeat("1", 50_000)) + ";\n"), null),
        new("typescript 5,000 nested callbacks", "src/callbacks.ts", () => Utf8(string.Concat(Enumerable.Repeat("f(() => ", 5_000)) + "fetch('/x')" + new string(')', 5_000) + ";\n"), null),
        new("C# nested 20,000 parentheses", "src/Nested.cs", () => Utf8("class N { object x = " + new string('(', 20_000) + "1" + new string(')', 20_000) + "; }\n"), null),
        new("C# chain of 50,000 additions", "src/Sum.cs", () => Utf8("class S { int x = " + string.Join(" + ", Enumerable.Repeat("1", 50_000)) + "; }\n"), null),
        new("C# 3,000 nested lambdas", "src/Lambdas.cs", () => Utf8("class L { void M() { " + string.Concat(Enumerable.Repeat("F(() => ", 3_000)) + "client.GetAsync(\"/x\")" + new string(')', 3_000) + "; } }\n"), null),
        new("binary text behind a .cs name", "src/Noise.cs", () => Noise(1 << 20), "not valid UTF-8 text"),
        new("binary text behind a .py name", "src/noise.py", () => Noise(1 << 20), "not valid UTF-8 text"),
        new("binary text behind a .ts name", "src/noise.ts", () => Noise(1 << 20), "not valid UTF-8 text"),
        new("printable noise behind a .py name", "src/printable.py", () => Printable(1 << 20), null),
        new("printable noise behind a .ts name", "src/printable.ts", () => Printable(1 << 20), null),
        new("binary text behind a .yaml name", "api/noise.yaml", () => [.. Utf8(Header), .. Noise(1 << 16)], null),
    ];

    public static TheoryData<string> Names => new(All.Select(e => e.Name));

    public static Entry Named(string name) => All.Single(e => e.Name == name);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Lines(int count, Func<int, string> line) =>
        string.Concat(Enumerable.Range(0, count).Select(i => line(i) + "\n"));

    /// <summary>Random bytes without NUL, so they pass the binary probe and reach the extractors as "text".</summary>
    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == 0) bytes[i] = 1;
        return bytes;
    }

    /// <summary>Random printable ASCII in lines of up to 120 characters: valid UTF-8 that no parser makes sense of.</summary>
    private static byte[] Printable(int length)
    {
        var random = new Random(length);
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = random.Next(120) == 0 ? (byte)'\n' : (byte)random.Next(32, 127);
        return bytes;
    }

    private static string DeepSchema(int depth)
    {
        var schema = "{\"type\":\"string\"}";
        for (var i = 0; i < depth; i++) schema = "{\"type\":\"object\",\"properties\":{\"p" + i + "\":" + schema + "}}";
        var response = "{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":" + schema + "}}}";
        return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/x\":{\"get\":{\"responses\":{\"200\":" + response + "}}}}}";
    }

    private const string RefCycles = Header +
        """
        paths:
          /a:
            post:
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Self'}}}}
        components:
          schemas:
            A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}
            B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}, list: {type: array, items: {$ref: '#/components/schemas/B'}}}}
            Self: {allOf: [{$ref: '#/components/schemas/Self'}], oneOf: [{$ref: '#/components/schemas/Self'}]}
            Alias1: {$ref: '#/components/schemas/Alias2'}
            Alias2: {$ref: '#/components/schemas/Alias1'}
        """;

    private const string ResponseCycle = Header +
        """
        paths:
          /a:
            get:
              responses:
                '200': {$ref: '#/components/responses/Loop'}
        components:
          responses:
            Loop: {$ref: '#/components/responses/Loop'}
        """;

    private static string HugeEnum(int count) => Header +
        "paths:\n  /e:\n    get:\n      parameters:\n        - name: e\n          in: query\n          schema:\n            type: string\n            enum: [" +
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"v{i}")) + "]\n      responses: {'200': {description: ok}}\n";

    private const string BillionLaughs = Header +
        """
        paths: {}
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
        """;
}
