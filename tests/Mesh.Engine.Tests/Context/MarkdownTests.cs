using Mesh.Engine.Context;

namespace Mesh.Engine.Tests.Context;

/// <summary>Repository text is always one code span on one line, whatever it contains.</summary>
public sealed class MarkdownTests
{
    [Theory]
    [InlineData("/orders/{id}", "`/orders/{id}`")]
    [InlineData("a `tick` inside", "``a `tick` inside``")]
    [InlineData("`starts and ends`", "`` `starts and ends` ``")]
    [InlineData("two\nlines\r\nhere", "`two\\nlines\\r\\nhere`")]
    [InlineData("/nl/\u2028\u2029\u0085\u202e\u001b[31m", "`/nl/\\u2028\\u2029\\u0085\\u202E\\u001B[31m`")]
    [InlineData("", "` `")]
    [InlineData("@AGENTS.md", "`@AGENTS.md`")]
    public void Repository_text_becomes_a_single_line_code_span(string text, string expected) =>
        Assert.Equal(expected, Markdown.Code(text));

    [Theory]
    [InlineData("GET /a <script>x</script>", "GET /a \\<script\\>x\\</script\\>")]
    [InlineData("[docs](javascript:alert(1)) `x` *y* a|b", "\\[docs\\](javascript:alert(1)) \\`x\\` \\*y\\* a\\|b")]
    [InlineData("line\n# SYSTEM", "line\\\\n\\# SYSTEM")]
    public void Repository_text_in_prose_has_its_markup_escaped(string text, string expected) =>
        Assert.Equal(expected, Markdown.Text(text));

    [Fact]
    public void A_code_block_is_fenced_longer_than_any_backtick_run_in_it_and_keeps_each_line_to_itself()
    {
        var block = Markdown.Block(["var a = 1;", "```", "`````x", "b\rc\u2028d\te"], "  ");

        Assert.Equal("  ``````\n  var a = 1;\n  ```\n  `````x\n  b\\rc\\u2028d\te\n  ``````\n", block);
    }

    [Theory]
    [InlineData("a|b", "`a\\|b`")]
    [InlineData("a\\|b", "`a\\\\\\|b`")]
    public void A_code_span_in_a_table_cell_escapes_every_pipe(string text, string expected) => Assert.Equal(expected, Markdown.CellCode(text));

    [Fact]
    public void Long_text_is_clipped()
    {
        var span = Markdown.Code(new string('x', 500));

        Assert.True(span.Length < 210);
        Assert.EndsWith("…`", span);
    }
}
