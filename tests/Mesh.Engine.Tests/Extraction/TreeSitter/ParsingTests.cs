using System.Runtime.CompilerServices;
using System.Text;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Tests.Extraction.TreeSitter;

public sealed class ParsingTests
{
    private static SyntaxTree Parse(Language language, string code) => ParserPool.Shared.Parse(language, Encoding.UTF8.GetBytes(code));

    [Fact]
    public void Native_structs_have_the_C_layout()
    {
        Assert.Equal(8, Unsafe.SizeOf<TSPoint>());
        Assert.Equal(32, Unsafe.SizeOf<TSNode>());
        Assert.Equal(32, Unsafe.SizeOf<TSTreeCursor>());
        Assert.Equal(40, Unsafe.SizeOf<TSQueryCapture>());
        Assert.Equal(16, Unsafe.SizeOf<TSQueryMatch>());
        Assert.Equal(8, Unsafe.SizeOf<TSQueryPredicateStep>());
        Assert.Equal(32, Unsafe.SizeOf<TSInput>());
        Assert.Equal(16, Unsafe.SizeOf<TSParseOptions>());
        Assert.Equal(16, Unsafe.SizeOf<TSParseState>());
        Assert.Equal(80, Unsafe.SizeOf<WalkEntry>());
    }

    [Fact]
    public void Every_grammar_loads_with_a_compatible_abi()
    {
        Assert.Equal(["python", "javascript", "typescript", "tsx"], Language.All.Select(l => l.Name));
        Assert.All(Language.All, l => Assert.InRange(l.AbiVersion, 13, 15));
        Assert.Same(Language.Tsx, Language.ForPath("src/App.tsx"));
        Assert.Same(Language.TypeScript, Language.ForPath("api.mts"));
        Assert.Same(Language.JavaScript, Language.ForPath("server.cjs"));
        Assert.Same(Language.Python, Language.ForPath("main.py"));
        Assert.Null(Language.ForPath("Program.cs"));
    }

    [Fact]
    public void Python_function_has_its_type_fields_and_one_based_positions()
    {
        using var tree = Parse(Language.Python, "import os\n\ndef handler(request):\n    return os.getcwd()\n");
        var root = tree.Root;
        Assert.Equal("module", root.Type);
        Assert.False(tree.HasError);
        Assert.Equal(2, root.NamedChildCount);

        var function = root.NamedChild(1);
        Assert.Equal("function_definition", function.Type);
        Assert.True(function.IsNamed);
        Assert.Equal(new TextPosition(3, 1), function.Start);
        Assert.Equal(new TextPosition(4, 23), function.End);
        Assert.Equal(11, function.StartByte);

        var name = function.ChildByFieldName("name")!.Value;
        Assert.Equal("identifier", name.Type);
        Assert.Equal("handler", name.Text());
        Assert.Equal(new TextPosition(3, 5), name.Start);
        Assert.Equal(function, name.Parent);
        Assert.Equal("def", function.Child(0).Type);
        Assert.False(function.Child(0).IsNamed);
        Assert.Equal("name", function.FieldNameForChild(1));
        Assert.Null(function.ChildByFieldName("no_such_field"));
        Assert.Equal("parameters", name.NextNamedSibling!.Value.Type);
        Assert.Equal("(", name.NextNamedSibling!.Value.Child(0).Type);
        Assert.Null(root.Parent);
        Assert.Equal("import_statement", function.PreviousNamedSibling!.Value.Type);
    }

    [Fact]
    public void JavaScript_call_is_found_among_the_descendants()
    {
        using var tree = Parse(Language.JavaScript, "const app = express();\napp.get('/orders/:id', (req, res) => res.json({}));\n");
        var call = tree.Root.Descendants().First(n => n.Type == "call_expression" && n.Start.Line == 2);
        Assert.Equal(new TextPosition(2, 1), call.Start);
        Assert.Equal("app.get", call.ChildByFieldName("function")!.Value.Text());
        var path = call.ChildByFieldName("arguments")!.Value.NamedChild(0);
        Assert.Equal("string", path.Type);
        Assert.Equal("'/orders/:id'", path.Text());
        Assert.Equal(new TextPosition(2, 9), path.Start);
        Assert.Equal("(program (lexical_declaration", tree.Root.ToSExpression()[..29]);
    }

    [Fact]
    public void TypeScript_and_tsx_parse_types_and_jsx()
    {
        var line2 = "export const get = (id: number): Promise<Order> => http.get<Order>(`/orders/${id}`);";
        using var ts = Parse(Language.TypeScript, "interface Order { id: number; price?: string }\n" + line2 + "\n");
        Assert.False(ts.HasError);
        var iface = ts.Root.NamedChild(0);
        Assert.Equal("interface_declaration", iface.Type);
        Assert.Equal("Order", iface.ChildByFieldName("name")!.Value.Text());
        Assert.Contains(ts.Root.Descendants(namedOnly: true), n => n.Type == "type_arguments" && n.Start == new TextPosition(2, line2.IndexOf("<Order>(", StringComparison.Ordinal) + 1));

        using var tsx = Parse(Language.Tsx, "export function App(): JSX.Element {\n  return <div className=\"x\">{items.map(i => <Item key={i.id} />)}</div>;\n}\n");
        Assert.False(tsx.HasError);
        var element = tsx.Root.Descendants().First(n => n.Type == "jsx_element");
        Assert.Equal(new TextPosition(2, 10), element.Start);
        Assert.Contains(tsx.Root.Descendants(), n => n.Type == "jsx_self_closing_element");
    }

    [Fact]
    public void Columns_count_UTF16_code_units_and_offsets_count_UTF8_bytes()
    {
        // "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "🚀" is 4 bytes and 2 units.
        var code = "s = 'é🚀'; t = call(1)\n";
        var bytes = Encoding.UTF8.GetBytes(code);
        using var tree = ParserPool.Shared.Parse(Language.Python, bytes);
        var call = tree.Root.Descendants().Single(n => n.Type == "call");
        var charIndex = code.IndexOf("call", StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(code[..charIndex]), call.StartByte);
        Assert.Equal(charIndex + 3, call.StartByte); // é: 2 bytes, 1 unit; 🚀: 4 bytes, 2 units
        Assert.Equal(new TextPosition(1, charIndex + 1), call.Start);
        Assert.Equal("call(1)", Encoding.UTF8.GetString(call.Text(bytes)));
        Assert.Equal("'é🚀'", tree.Root.Descendants().First(n => n.Type == "string").Text());
    }

    [Fact]
    public void Non_ASCII_on_earlier_lines_does_not_shift_columns()
    {
        using var tree = Parse(Language.JavaScript, "// café ☕ 🚀\nconst ünï = fetch('/x');\n");
        var call = tree.Root.Descendants().Single(n => n.Type == "call_expression");
        Assert.Equal(new TextPosition(2, 13), call.Start);
        Assert.Equal(new TextPosition(2, 24), call.End);
        Assert.Equal("ünï", tree.Root.Descendants().Single(n => n.Type == "identifier" && n.Start.Line == 2 && n.Start.Column == 7).Text());
    }

    [Fact]
    public void A_broken_file_has_error_nodes_and_the_rest_still_parses()
    {
        using var tree = Parse(Language.Python,
            "def ok():\n    return 1\n\ndef broken(:\n    pass\n\n@app.get('/after')\ndef after():\n    return 2\n");
        Assert.True(tree.HasError);
        var nodes = tree.Root.Descendants().ToList();
        Assert.Contains(nodes, n => n.IsError || n.IsMissing);
        var functions = nodes.Where(n => n.Type == "function_definition" && !n.HasError).Select(n => n.ChildByFieldName("name")!.Value.Text()).ToList();
        Assert.Contains("ok", functions);
        Assert.Contains("after", functions);
        var decorated = nodes.Single(n => n.Type == "decorated_definition");
        Assert.Equal(7, decorated.Start.Line);
    }

    [Fact]
    public void A_missing_token_is_inserted_as_a_zero_width_node()
    {
        using var tree = Parse(Language.JavaScript, "foo(1, 2;\n");
        var missing = tree.Root.Descendants().Where(n => n.IsMissing).ToList();
        Assert.NotEmpty(missing);
        Assert.All(missing, n => Assert.Equal(n.StartByte, n.EndByte));
    }

    [Fact]
    public void Empty_and_invalid_UTF8_input_still_parses()
    {
        using var empty = ParserPool.Shared.Parse(Language.Python, ReadOnlyMemory<byte>.Empty);
        Assert.Equal("module", empty.Root.Type);
        Assert.Equal(0, empty.Root.ChildCount);

        using var invalid = ParserPool.Shared.Parse(Language.JavaScript, new byte[] { (byte)'x', 0xFF, 0xFE, (byte)'(', (byte)')', (byte)';', (byte)'\n', (byte)'y', (byte)'(', (byte)')' });
        Assert.Equal("program", invalid.Root.Type);
        Assert.Contains(invalid.Root.Descendants(), n => n.Type == "call_expression" && n.Start == new TextPosition(2, 1));
    }

    [Fact]
    public void A_tree_cursor_walks_children_with_field_names()
    {
        using var tree = Parse(Language.Python, "x = f(a, b=1)\n");
        var call = tree.Root.Descendants().Single(n => n.Type == "call");
        using var cursor = new TreeCursor(call);
        Assert.True(cursor.GotoFirstChild());
        Assert.Equal("function", cursor.FieldName);
        Assert.Equal("f", cursor.Current.Text());
        Assert.True(cursor.GotoNextSibling());
        Assert.Equal("arguments", cursor.FieldName);
        Assert.Equal(1, cursor.Depth);
        Assert.False(cursor.GotoNextSibling());
        Assert.True(cursor.GotoParent());
        Assert.Equal(call, cursor.Current);
        Assert.False(cursor.GotoParent()); // never leaves the node it started on
    }

    [Fact]
    public void Using_a_node_after_its_tree_is_disposed_throws_instead_of_crashing()
    {
        var tree = Parse(Language.Python, "x = 1\n");
        var root = tree.Root;
        tree.Dispose();
        tree.Dispose(); // twice is harmless
        Assert.True(tree.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => root.Type);
        Assert.Throws<ObjectDisposedException>(() => root.Child(0));
        Assert.Throws<InvalidOperationException>(() => default(Node).Type);
    }
}
