using Mesh.Engine.Diff;
using Mesh.Engine.Diff.Rules;
using static Mesh.Engine.Tests.Diff.Rules.DocumentSpecs;
using static Mesh.Engine.Tests.Diff.SpecDiff;

namespace Mesh.Engine.Tests.Diff.Rules;

public sealed class VersionNotBumpedTests
{
    private const string WithoutId = "{ type: object, properties: { id: { type: string } } }";

    /// <summary>What the version policy says when a required response property goes away between the two versions.</summary>
    private static string? Verdict(string from, string to) =>
        Run(Orders(version: from), Orders(version: to, response: WithoutId)).SingleOrDefault(c => c.Rule.Contains("version", StringComparison.Ordinal))?.Rule;

    [Fact]
    public void A_breaking_change_needs_a_major_version_bump()
    {
        Assert.Equal(VersionNotBumped.NotBumped, Verdict("1.2.0", "1.2.0"));
        Assert.Equal(VersionNotBumped.Decreased, Verdict("1.2.0", "1.1.0"));
        Assert.Equal(VersionNotBumped.MajorNotBumped, Verdict("1.2.0", "1.3.0"));
        Assert.Equal(VersionNotBumped.MajorNotBumped, Verdict("v1.2.0", "v1.2.1"));
        Assert.Null(Verdict("1.2.0", "2.0.0"));
    }

    [Fact]
    public void Below_1_0_0_a_minor_bump_is_enough()
    {
        Assert.Null(Verdict("0.3.0", "0.4.0"));
        Assert.Equal(VersionNotBumped.MajorNotBumped, Verdict("0.3.0", "0.3.1"));
    }

    [Fact]
    public void Versions_that_are_not_semantic_versions_are_not_judged()
    {
        Assert.Null(Verdict("'2024-01-01'", "'2024-01-01'"));
        Assert.Null(Verdict("'1'", "'1'"));
    }

    [Fact]
    public void Without_a_breaking_change_the_version_is_free()
    {
        var changes = Run(Orders(version: "1.2.0", response: WithoutId), Orders(version: "1.2.0"));

        Assert.DoesNotContain(changes, c => c.Rule.Contains("version", StringComparison.Ordinal));
    }
}
