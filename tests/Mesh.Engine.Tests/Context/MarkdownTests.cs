using Mesh.Engine.Context;

namespace Mesh.Engine.Tests.Context;

/// <summary>Repository text is always one code span on one line, whatever it contains.</summary>
public sealed class MarkdownTests
{
    [Theory]
    [InlineData("/orders/{id}", "`/orders/{id}`")]
    [InlineData("a `tick` inside", "``a `tick` inside``")]
    [InlineData("`starts and ends`", "`` `starts and ends` ``")]
    [InlineData("two\nlines\r\nhere", "`two lines  here`")]
    [InlineData("", "` `")]
    [InlineData("@AGENTS.md", "`@AGENTS.md`")]
    public void Repository_text_becomes_a_single_line_code_span(string text, string expected) =>
        Assert.Equal(expected, Markdown.Code(text));

    [Fact]
    public void Long_text_is_clipped()
    {
        var span = Markdown.Code(new string('x', 500));

        Assert.True(span.Length < 210);
        Assert.EndsWith("…`", span);
    }
}
