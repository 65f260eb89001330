using Mesh.Engine.Diff;

namespace Mesh.Engine.Tests.Diff;

/// <summary>
/// Direction decides severity: what breaks a client when it narrows a request is safe when it narrows a response, and
/// the reverse. So a breaking rule on one side has a mirror on the other side that is not breaking — except where
/// the change breaks readers and writers alike, listed here with the reason.
/// </summary>
public sealed class RuleMirrorTests
{
    /// <summary>
    /// A replacement (another type, const, media type or encoding, another set of dependent requirements, a body moved
    /// into a oneOf) is neither a narrowing nor a widening: the old value no longer fits either way, so it breaks both sides.
    /// A lifecycle promise (a deprecation policy's sunset date, a declared stability) is made to senders and readers alike.
    /// </summary>
    private static bool BreaksBothWays(string id) =>
        id.EndsWith("-changed", StringComparison.Ordinal) || id.EndsWith("-wrapped-in-one-of", StringComparison.Ordinal)
        || id.EndsWith("-deprecated-sunset-missing", StringComparison.Ordinal) || id.EndsWith("-deprecated-sunset-invalid", StringComparison.Ordinal)
        || id.EndsWith("-sunset-date-too-small", StringComparison.Ordinal) || id.EndsWith("-stability-decreased", StringComparison.Ordinal);

    private static string? Mirror(string id) =>
        id.Contains("request-", StringComparison.Ordinal) ? id.Replace("request-", "response-", StringComparison.Ordinal)
        : id.Contains("response-", StringComparison.Ordinal) ? id.Replace("response-", "request-", StringComparison.Ordinal)
        : null;

    [Fact]
    public void Every_breaking_rule_with_a_mirror_has_a_mirror_that_is_not_breaking()
    {
        var levels = DiffRules.Catalog.ToDictionary(r => r.Id, r => r.Level, StringComparer.Ordinal);
        var mirrored = DiffRules.Catalog
            .Where(r => r.Level == ChangeLevel.Err && Mirror(r.Id) is { } m && levels.ContainsKey(m))
            .Select(r => (r.Id, Mirror: Mirror(r.Id)!))
            .ToList();

        var bothBreaking = mirrored.Where(p => levels[p.Mirror] == ChangeLevel.Err && !BreaksBothWays(p.Id)).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();

        var narrowing = mirrored.Count(p => !BreaksBothWays(p.Id));
        Assert.True(narrowing >= 20, $"only {narrowing} breaking narrowing/widening rules have a mirror");
        Assert.True(bothBreaking.Count == 0, "breaking on both sides: " + string.Join(", ", bothBreaking));
    }
}
