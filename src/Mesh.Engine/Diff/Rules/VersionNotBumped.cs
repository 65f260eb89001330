using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesh.Engine.Diff.Rules;

/// <summary>
/// Semantic versioning of a document's <c>info.version</c>: when the diff found a breaking change in the document
/// and both versions are semantic versions, the version must have moved up by a major (by a minor below 1.0.0).
/// Versions that are not semantic versions are not judged, and without a breaking change nothing is asked.
/// </summary>
public sealed partial class VersionNotBumped : IDocumentRule
{
    public const string NotBumped = "api-version-not-bumped";
    public const string Decreased = "api-version-decreased";
    public const string MajorNotBumped = "api-major-version-not-bumped";

    public IReadOnlyList<RuleInfo> Ids { get; } =
    [
        new(NotBumped, ChangeLevel.Info),
        new(Decreased, ChangeLevel.Info),
        new(MajorNotBumped, ChangeLevel.Info),
    ];

    public void Compare(DocumentPair pair, ChangeSink sink)
    {
        var (from, to) = (pair.Base.Fact.Version, pair.Head.Fact.Version);
        if (Parse(from) is not { } before || Parse(to) is not { } after) return;
        if (!sink.Changes.Any(c => c.Level == ChangeLevel.Err && c.File == pair.File)) return;
        if (from == to)
            sink.ReportDocument(NotBumped, pair, "info version", $"{pair.File} has breaking changes but its version {to} was not bumped", from, to);
        else if (after.CompareTo(before) <= 0)
            sink.ReportDocument(Decreased, pair, "info version", $"{pair.File} has breaking changes and its version went down from {from} to {to}", from, to);
        else if (before.Major == 0 && after.Major == 0 ? after.Minor <= before.Minor : after.Major <= before.Major)
            sink.ReportDocument(MajorNotBumped, pair, "info version", $"{pair.File} has breaking changes but its version moved from {from} to {to} without a major bump", from, to);
    }

    private static (int Major, int Minor, int Patch)? Parse(string? version)
    {
        if (version is null || SemVer().Match(version) is not { Success: true } m) return null;
        return int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var minor)
            && int.TryParse(m.Groups[3].Value, CultureInfo.InvariantCulture, out var patch) ? (major, minor, patch) : null;
    }

    /// <summary>semver.org's grammar with an optional leading <c>v</c>; pre-release and build parts are read past, not compared.</summary>
    [GeneratedRegex(@"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex SemVer();
}
