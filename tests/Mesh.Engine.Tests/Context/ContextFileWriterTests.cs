using System.Text;
using Mesh.Engine.Context;
using Mesh.Engine.Context.Files;
using Mesh.Engine.Model;

namespace Mesh.Engine.Tests.Context;

/// <summary>The writers own only their marked block: user text around it survives byte for byte, and a second run changes nothing.</summary>
public sealed class ContextFileWriterTests
{
    private static RepoContext Context(string repo = "web", int endpoints = 1)
    {
        var provides = Enumerable.Range(1, endpoints).Select(i => new ProvidedApi(
            new Endpoint($"{repo}:GET:/things/{i}", repo, "src/Api.cs", $"/things/{i}",
                new EndpointFact { Method = "GET", Path = $"/things/{i}", Source = "code", Framework = "aspnetcore", Line = i }),
            [])).ToList();
        return new RepoContext(repo, "0123456789abcdef", DateTimeOffset.UnixEpoch, provides, [], [], new RecentChangeScan([], 5, []), []);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void A_missing_AGENTS_md_is_created_with_the_context_in_a_marked_block()
    {
        var written = Text(new AgentsMdWriter().Update(null, Context()));

        Assert.StartsWith("<!-- mesh:begin api-context -->\n", written);
        Assert.EndsWith("<!-- mesh:end api-context -->\n", written);
        Assert.Contains("## HTTP API context for `web`", written);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void User_text_before_and_after_the_block_is_kept_byte_for_byte_and_a_second_run_changes_nothing(string newline)
    {
        var writer = new AgentsMdWriter();
        var before = Bytes($"# Team rules{newline}{newline}Use tabs. Ünïcode stays.{newline}");
        var first = writer.Update(before, Context());
        var after = Bytes($"{newline}## Our own section{newline}keep me");
        var edited = first.Concat(after).ToArray();

        var second = writer.Update(edited, Context(endpoints: 2));
        var third = writer.Update(second, Context(endpoints: 2));

        Assert.Equal(before, first.Take(before.Length + newline.Length).SkipLast(newline.Length).ToArray());
        Assert.Equal(after, second.TakeLast(after.Length).ToArray());
        Assert.Equal(second, third);
        Assert.Contains("/things/2", Text(second));
        if (newline == "\r\n") Assert.DoesNotContain("\n", Text(second).Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_without_a_final_newline_or_with_a_BOM_keeps_its_bytes_and_gets_the_block_after_a_blank_line()
    {
        var original = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Bytes("no final newline")).ToArray();

        var written = new AgentsMdWriter().Update(original, Context());

        Assert.Equal(original, written.Take(original.Length).ToArray());
        Assert.StartsWith("\n\n<!-- mesh:begin api-context -->", Text(written[original.Length..]));
        Assert.Equal(written, new AgentsMdWriter().Update(written, Context()));
    }

    [Fact]
    public void Text_that_is_not_UTF8_outside_the_block_survives()
    {
        var original = new byte[] { 0x23, 0x20, 0xFF, 0xFE, 0x0A };

        var written = new AgentsMdWriter().Update(new AgentsMdWriter().Update(original, Context()), Context(endpoints: 3));

        Assert.Equal(original, written.Take(original.Length).ToArray());
    }

    [Fact]
    public void A_stray_marker_is_an_error_and_the_file_is_not_rewritten()
    {
        var broken = Bytes("intro\n<!-- mesh:begin api-context -->\nhalf a block\n");

        var error = Assert.Throws<MeshException>(() => new AgentsMdWriter().Update(broken, Context()));

        Assert.Contains("without its pair", error.Message);
    }

    [Fact]
    public void Marker_text_quoted_from_a_repo_cannot_end_the_block_early()
    {
        var context = Context(repo: "x<!-- mesh:end api-context -->y");

        var written = Text(new AgentsMdWriter().Update(null, context));

        Assert.Equal(1, CountOf(written, "<!-- mesh:end api-context -->"));
        Assert.EndsWith("<!-- mesh:end api-context -->\n", written);
    }

    [Fact]
    public void CLAUDE_md_gets_one_import_line_in_its_own_block_and_keeps_a_users_import()
    {
        var writer = new ClaudeMdWriter();
        var own = Bytes("# Claude\r\n\r\nAlways run the tests.\r\n");

        var written = writer.Update(own, Context());
        var again = writer.Update(written, Context());
        var userImport = Bytes("See below.\n@AGENTS.md\n");

        Assert.Equal(1, CountOf(Text(written), "@AGENTS.md"));
        Assert.Contains("<!-- mesh:begin agents-import -->\r\n", Text(written));
        Assert.Equal(written, again);
        Assert.Equal(userImport, writer.Update(userImport, Context()));
        Assert.Contains("@AGENTS.md", Text(writer.Update(null, Context())));
    }

    [Fact]
    public void Rule_files_get_the_front_matter_their_agent_reads_and_keep_a_users_edits_to_it()
    {
        var cursor = Text(new CursorRuleWriter().Update(null, Context()));
        var copilot = Text(new CopilotInstructionsWriter().Update(null, Context()));
        var windsurf = Text(new WindsurfRuleWriter().Update(null, Context()));
        var customised = Bytes(cursor.Replace("alwaysApply: true", "alwaysApply: false\nglobs: src/**", StringComparison.Ordinal));

        Assert.StartsWith("---\ndescription: ", cursor);
        Assert.Contains("\nalwaysApply: true\n---\n\n<!-- mesh:begin api-context -->", cursor);
        Assert.StartsWith("---\napplyTo: \"**\"\n", copilot);
        Assert.StartsWith("---\ntrigger: always_on\n", windsurf);
        Assert.Contains("# HTTP API context for `web`", cursor);
        Assert.Contains("globs: src/**", Text(new CursorRuleWriter().Update(customised, Context(endpoints: 2))));
    }

    [Fact]
    public void The_Windsurf_rule_is_cut_to_its_size_limit_with_a_note_and_stays_stable()
    {
        var big = Context(endpoints: 100);

        var written = new WindsurfRuleWriter().Update(null, big);
        var text = Text(written);

        Assert.True(ContextMarkdown.Render(big).Length > WindsurfRuleWriter.MaxCharacters);
        Assert.InRange(text.Length, WindsurfRuleWriter.MaxCharacters - 300, WindsurfRuleWriter.MaxCharacters);
        Assert.Contains("cut here to fit Windsurf's 6,000-character limit", text);
        Assert.EndsWith("<!-- mesh:end api-context -->\n", text);
        Assert.Equal(written, new WindsurfRuleWriter().Update(written, big));
    }

    [Fact]
    public void Targets_are_checked_and_all_means_every_writer()
    {
        Assert.Equal(5, ContextFiles.For(["all"]).Count);
        Assert.Equal(["agents", "cursor"], ContextFiles.For(["cursor,agents"]).Select(w => w.Target));
        var error = Assert.Throws<MeshException>(() => ContextFiles.For(["cursr"]));
        Assert.Contains("valid: agents, claude, cursor, copilot, windsurf, all", error.Message);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
