using System.Text;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Tests.Extraction.TreeSitter;

public sealed class TreeWalkTests
{
    private const string Code = """
        import requests

        class Client:
            @cached
            def get(self, url):
                return requests.get(url, timeout=f(g(1)))

        def main():
            x = Client().get("/a")
        """;

    [Fact]
    public void Native_walk_finds_the_same_nodes_in_the_same_order_as_a_cursor_walk()
    {
        using var tree = ParserPool.Shared.Parse(Language.Python, Encoding.UTF8.GetBytes(Code));

        var walked = AssertSameAsCursorWalk(tree, new NodeTypeSet(Language.Python, "call", "function_definition", "identifier", "("));

        Assert.Contains(walked, w => w.Node.Type == "(");
        var method = walked.Single(w => w.Node.Type == "function_definition" && w.Node.ChildByFieldName("name")!.Value.Text() == "get");
        Assert.Equal(["decorated_definition", "block", "class_definition"], Enumerable.Range(1, 3).Select(method.AncestorType));
    }

    // Comments are extras, `match`/`print` come through aliases and hidden rules, and the broken line and the deep
    // nesting (past the walk's first stack size) are where a hand-written walk could part from tree-sitter's cursor.
    [Theory]
    [InlineData("x = 1  # one\n# two\nif x:  # three\n    pass\n")]
    [InlineData("match command:\n    case [\"go\", direction] if direction:\n        print(direction)\n    case _:\n        pass\n")]
    [InlineData("def f(:\n    return g(1\nclass C:\n    x = [1, 2\n")]
    [InlineData("with open(p) as (a, b):\n    print >> sys.stderr, f\"{a!r:>{width}}\"\n")]
    public void Native_walk_matches_a_cursor_walk_through_extras_aliases_and_errors(string code)
    {
        using var tree = ParserPool.Shared.Parse(Language.Python, Encoding.UTF8.GetBytes(code));
        AssertSameAsCursorWalk(tree, new NodeTypeSet(Language.Python, "call", "identifier", "comment", "block", "ERROR", "pattern", "string_content"));
    }

    [Fact]
    public void Native_walk_matches_a_cursor_walk_through_deep_nesting()
    {
        var code = "x = " + new string('(', 200) + "f(1)" + new string(')', 200) + "\n";
        using var tree = ParserPool.Shared.Parse(Language.Python, Encoding.UTF8.GetBytes(code));
        var walked = AssertSameAsCursorWalk(tree, new NodeTypeSet(Language.Python, "call", "integer"));
        Assert.Equal(205, walked.Single(w => w.Node.Type == "integer").Depth);
    }

    private static List<WalkedNode> AssertSameAsCursorWalk(SyntaxTree tree, NodeTypeSet types)
    {
        var expected = new List<(Node Node, Node Parent, int Depth, string?[] Ancestors, bool Selected, bool Top)>();
        using (var cursor = new TreeCursor(tree.Root))
        {
            var path = new List<Node> { tree.Root };
            void Down()
            {
                if (!cursor.GotoFirstChild()) return;
                do
                {
                    var node = cursor.Current;
                    var selected = node.Symbol < types.Selected.Length && types.Selected[node.Symbol] != 0;
                    var top = path.Count == 1 && node.IsNamed;
                    if (selected || top)
                        expected.Add((node, path[^1], path.Count, [.. Enumerable.Range(1, 3).Select(g => g <= path.Count ? path[^g].Type : null)], selected, top));
                    path.Add(node);
                    Down();
                    path.RemoveAt(path.Count - 1);
                } while (cursor.GotoNextSibling());
                cursor.GotoParent();
            }
            Down();
        }

        var walked = TreeWalk.Run(tree.Root, types);

        Assert.Equal(expected.Count, walked.Count);
        for (var i = 0; i < walked.Count; i++)
        {
            var (node, parent, depth, ancestors, selected, top) = expected[i];
            Assert.Equal(node, walked[i].Node);
            Assert.Equal(node.Start, walked[i].Node.Start);
            Assert.Equal(node.Type, walked[i].Node.Type);
            Assert.Equal(parent, walked[i].Parent);
            Assert.Equal(depth, walked[i].Depth);
            Assert.Equal(ancestors, Enumerable.Range(1, 3).Select(walked[i].AncestorType));
            Assert.Equal(selected, walked[i].IsSelected);
            Assert.Equal(top, walked[i].IsTopLevel);
        }
        return walked;
    }

    [Fact]
    public void A_file_denser_than_the_first_buffer_guess_is_walked_whole()
    {
        var code = string.Concat(Enumerable.Repeat("f(g(h()))\n", 2000));
        using var tree = ParserPool.Shared.Parse(Language.Python, Encoding.UTF8.GetBytes(code));

        var walked = TreeWalk.Run(tree.Root, new NodeTypeSet(Language.Python, "call"));

        Assert.Equal(6000 + 2000, walked.Count);
        Assert.Equal(6000, walked.Count(w => w.IsSelected));
        Assert.Equal(2000, walked.Count(w => w.IsTopLevel));
    }

    [Fact]
    public void Node_types_of_another_grammar_are_refused()
    {
        using var tree = ParserPool.Shared.Parse(Language.JavaScript, "f()"u8.ToArray());
        Assert.Throws<ArgumentException>(() => TreeWalk.Run(tree.Root, new NodeTypeSet(Language.Python, "call")));
    }
}
