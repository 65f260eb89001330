using System.Text;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Engine.Tests.Extraction.TreeSitter;

public sealed class QueryTests
{
    private static SyntaxTree Parse(Language language, string code) => ParserPool.Shared.Parse(language, Encoding.UTF8.GetBytes(code));

    private static List<string> Texts(Query query, SyntaxTree tree, string capture) =>
        query.Matches(tree.Root).Select(m => m[capture]!.Value.Text()).ToList();

    private const string Calls = "get('a')\npost('b')\nfetch('c')\nget(x)\n";

    [Fact]
    public void Captures_are_named_and_positioned()
    {
        using var tree = Parse(Language.JavaScript, Calls);
        using var query = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn arguments: (arguments (string) @arg))");
        Assert.Equal(["fn", "arg"], query.CaptureNames);
        Assert.Equal(1, query.CaptureIndex("arg"));
        var matches = query.Matches(tree.Root).ToList();
        Assert.Equal(3, matches.Count);
        Assert.All(matches, m => Assert.Equal(0, m.PatternIndex));
        Assert.Equal("post", matches[1]["fn"]!.Value.Text());
        Assert.Equal(new TextPosition(2, 6), matches[1]["arg"]!.Value.Start);
        Assert.Null(matches[1]["nothing"]);
        Assert.Throws<ArgumentException>(() => query.CaptureIndex("nothing"));
    }

    [Fact]
    public void Eq_and_not_eq_compare_text_with_a_string_or_another_capture()
    {
        using var tree = Parse(Language.JavaScript, Calls + "same(same)\n");
        using var eq = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#eq? @fn \"get\"))");
        Assert.Equal(["get", "get"], Texts(eq, tree, "fn"));
        using var notEq = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#not-eq? @fn \"get\"))");
        Assert.Equal(["post", "fetch", "same"], Texts(notEq, tree, "fn"));
        using var captures = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn arguments: (arguments (identifier) @arg) (#eq? @fn @arg))");
        Assert.Equal(["same"], Texts(captures, tree, "fn"));
    }

    [Fact]
    public void Match_and_not_match_apply_a_regular_expression()
    {
        using var tree = Parse(Language.JavaScript, Calls);
        using var match = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#match? @fn \"^(get|post)$\"))");
        Assert.Equal(["get", "post", "get"], Texts(match, tree, "fn"));
        using var notMatch = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#not-match? @fn \"^g\"))");
        Assert.Equal(["post", "fetch"], Texts(notMatch, tree, "fn"));
    }

    [Fact]
    public void Any_of_accepts_one_of_several_strings()
    {
        using var tree = Parse(Language.JavaScript, Calls);
        using var anyOf = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#any-of? @fn \"post\" \"fetch\"))");
        Assert.Equal(["post", "fetch"], Texts(anyOf, tree, "fn"));
        using var notAnyOf = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#not-any-of? @fn \"post\" \"fetch\"))");
        Assert.Equal(["get", "get"], Texts(notAnyOf, tree, "fn"));
    }

    [Fact]
    public void A_cursor_limited_to_start_depth_zero_matches_only_at_the_node_it_runs_on()
    {
        using var tree = Parse(Language.Python, "outer(inner(1))\nother(2)\n");
        using var query = new Query(Language.Python, "(call function: (identifier) @fn)");
        var outer = tree.Root.NamedChild(0).NamedChild(0);
        using var cursor = new QueryCursor { MaxStartDepth = 0 };
        Assert.Equal(["outer"], cursor.Matches(query, outer).Select(m => m["fn"]!.Value.Text()));
        cursor.MaxStartDepth = -1;
        Assert.Equal(["outer", "inner"], cursor.Matches(query, outer).Select(m => m["fn"]!.Value.Text()));
    }

    [Fact]
    public void Predicates_compare_non_ASCII_text_exactly()
    {
        using var tree = Parse(Language.Python, "café(1)\ncafe(2)\n");
        using var query = new Query(Language.Python, "(call function: (identifier) @fn (#eq? @fn \"café\"))");
        var match = Assert.Single(query.Matches(tree.Root));
        Assert.Equal(new TextPosition(1, 1), match["fn"]!.Value.Start);
    }

    [Fact]
    public void A_predicate_on_a_quantified_capture_must_hold_for_every_node()
    {
        using var tree = Parse(Language.Python, "x = 1\ny = 2\nz = 3\n");
        using var all = new Query(Language.Python, "(module . (expression_statement)+ @stmts . (#match? @stmts \"^[a-z] = [0-9]$\"))");
        Assert.Equal(["x = 1", "y = 2", "z = 3"], Assert.Single(all.Matches(tree.Root)).All("stmts").Select(n => n.Text()));
        using var notAll = new Query(Language.Python, "(module . (expression_statement)+ @stmts . (#match? @stmts \"^[xy]\"))");
        Assert.Empty(notAll.Matches(tree.Root));
    }

    [Fact]
    public void Embedded_queries_load_for_each_language()
    {
        var assembly = typeof(QueryTests).Assembly;

        using var python = Parse(Language.Python, "@app.get(\"/orders/{id}\")\nasync def read_order(id: int):\n    return {}\n\n@app.middleware(\"http\")\ndef mw(): pass\n");
        var route = Assert.Single(QuerySource.Load(assembly, Language.Python, "Python/Routes.scm").Matches(python.Root));
        Assert.Equal("\"/orders/{id}\"", route["path"]!.Value.Text());
        Assert.Equal("read_order", route["handler"]!.Value.Text());
        Assert.Equal(1, route["path"]!.Value.Start.Line);

        using var js = Parse(Language.JavaScript, "router.get('/a', h);\naxios.get('/b');\nrouter.use('/c', r);\napp.post(\"/d\", h);\n");
        Assert.Equal(["'/a'", "\"/d\""], QuerySource.Load(assembly, Language.JavaScript, "JavaScript/Routes.scm").Matches(js.Root).Select(m => m["path"]!.Value.Text()));

        using var ts = Parse(Language.TypeScript, "@Controller('orders')\nexport class OrdersController {\n  @Get(':id')\n  findOne(@Param('id') id: string): Order { return null!; }\n  @Post()\n  create() {}\n}\n");
        var handler = Assert.Single(QuerySource.Load(assembly, Language.TypeScript, "TypeScript/Controllers.scm").Matches(ts.Root));
        Assert.Equal((":id", "findOne", 3), (handler["path"]!.Value.Text(), handler["handler"]!.Value.Text(), handler["path"]!.Value.Start.Line));

        using var tsx = Parse(Language.Tsx, "export function Orders() {\n  useEffect(() => { fetch(`/api/orders/${id}`).then(r => r.json()); }, []);\n  return <List load={() => fetch('/api/list')} />;\n}\n");
        var urls = QuerySource.Load(assembly, Language.Tsx, "Tsx/Fetch.scm").Matches(tsx.Root).Select(m => (m["url"]!.Value.Text(), m["url"]!.Value.Start.Line)).ToList();
        Assert.Equal([("`/api/orders/${id}`", 2), ("'/api/list'", 3)], urls);
    }

    [Fact]
    public void A_query_group_runs_several_files_in_one_pass_and_says_which_file_each_match_is_from()
    {
        var assembly = typeof(QueryTests).Assembly;
        using var ts = Parse(Language.TypeScript, "@Controller('orders')\nexport class OrdersController {\n  @Get(':id')\n  findOne() {}\n}\nrouter.get('/a', h);\n");

        var group = QuerySource.LoadGroup(assembly, Language.TypeScript, ["JavaScript/Routes.scm", "TypeScript/Controllers.scm"]);
        var matches = group.Matches(ts.Root);

        Assert.Same(group, QuerySource.LoadGroup(assembly, Language.TypeScript, ["JavaScript/Routes.scm", "TypeScript/Controllers.scm"]));
        Assert.Equal(["'/a'"], matches[0].Select(m => m["path"]!.Value.Text()));
        Assert.Equal([":id"], matches[1].Select(m => m["path"]!.Value.Text()));
        Assert.All(matches[1], m => Assert.Equal(1, group.FileOf(m.PatternIndex)));
    }

    [Fact]
    public void Embedded_queries_are_compiled_once_and_shared()
    {
        var assembly = typeof(QueryTests).Assembly;
        var first = QuerySource.Load(assembly, Language.Python, "Python/Routes.scm");
        first.Dispose(); // shared: a no-op
        Assert.Same(first, QuerySource.Load(assembly, Language.Python, "Python/Routes.scm"));
        Assert.True(first.IsShared);
        Assert.Equal(1, first.PatternCount);
        var missing = Assert.Throws<FileNotFoundException>(() => QuerySource.Load(assembly, Language.Python, "Python/Nope.scm"));
        Assert.Contains("Python/Routes.scm", missing.Message);
    }

    [Fact]
    public void A_bad_query_names_the_file_position_and_kind_of_error()
    {
        var nodeType = Assert.Throws<QueryException>(() => new Query(Language.Python, "(call)\n(decorated_definitio) @x", "Python/Bad.scm"));
        Assert.Equal(QueryErrorKind.NodeType, nodeType.Kind);
        Assert.Equal(("Python/Bad.scm", 2, 2, 8), (nodeType.File, nodeType.Line, nodeType.Column, nodeType.Offset));
        Assert.Contains("Python/Bad.scm:2:2", nodeType.Message);
        Assert.Contains("decorated_definitio", nodeType.Message);

        Assert.Equal(QueryErrorKind.Syntax, Assert.Throws<QueryException>(() => new Query(Language.Python, "(call")).Kind);
        Assert.Equal(QueryErrorKind.Field, Assert.Throws<QueryException>(() => new Query(Language.Python, "(call nope: (identifier))")).Kind);
        Assert.Equal(QueryErrorKind.Capture, Assert.Throws<QueryException>(() => new Query(Language.Python, "((identifier) @a (#eq? @b \"x\"))")).Kind);

        var predicate = Assert.Throws<QueryException>(() => new Query(Language.Python, "(call)\n((identifier) @a (#is-fancy? @a))", "P.scm"));
        Assert.Equal(QueryErrorKind.Predicate, predicate.Kind);
        Assert.Equal(2, predicate.Line);
        Assert.Contains("unknown predicate #is-fancy?", predicate.Message);
        Assert.Equal(QueryErrorKind.Predicate, Assert.Throws<QueryException>(() => new Query(Language.Python, "((identifier) @a (#match? @a \"(\"))")).Kind);
        Assert.Equal(QueryErrorKind.Predicate, Assert.Throws<QueryException>(() => new Query(Language.Python, "((identifier) @a (#eq? @a))")).Kind);
    }

    [Fact]
    public void A_query_runs_only_on_trees_of_its_language()
    {
        using var tree = Parse(Language.TypeScript, "f()");
        using var query = new Query(Language.JavaScript, "(call_expression) @c");
        Assert.Throws<ArgumentException>(() => query.Matches(tree.Root).ToList());
    }

    [Fact]
    public void One_query_serves_many_threads()
    {
        using var query = new Query(Language.JavaScript, "(call_expression function: (identifier) @fn (#any-of? @fn \"get\" \"post\"))");
        var code = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("get('a'); post('b'); other('c');\n", 200)));
        var counts = new int[64];
        Parallel.For(0, counts.Length, i =>
        {
            using var tree = ParserPool.Shared.Parse(Language.JavaScript, code);
            counts[i] = query.Matches(tree.Root).Count();
        });
        Assert.All(counts, c => Assert.Equal(400, c));
    }
}
