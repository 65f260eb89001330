using System.ComponentModel;

namespace Mesh.Engine.Diff.Reports;

/// <summary>
/// The one JSON shape of a diff, shared by <c>mesh diff --format json</c> and the <c>diff_schema</c> tool:
/// <c>{"summary":{...},"changes":[{"rule","level","method","path","location","message","affected":[...]},...]}</c>.
/// </summary>
public sealed record DiffDocument(
    SummaryEntry Summary,
    IReadOnlyList<ChangeEntry> Changes,
    [property: Description("Changes left out by the ignore file, with the entry that left each out.")] IReadOnlyList<IgnoredEntry>? Ignored = null,
    [property: Description("Ignore entries past their until date: they no longer ignore anything.")] IReadOnlyList<ExpiredEntry>? ExpiredIgnores = null)
{
    public static DiffDocument From(DiffOutcome outcome) => new(
        SummaryEntry.From(outcome.Report.Summary),
        [.. outcome.Report.Changes.Select(ChangeEntry.From)],
        outcome.Ignored.Count == 0 ? null : [.. outcome.Ignored.Select(i => new IgnoredEntry(ChangeEntry.From(i.Change), outcome.IgnoreFile ?? "", i.Entry.Line, i.Entry.Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.Entry.Reason))],
        outcome.Expired.Count == 0 ? null : [.. outcome.Expired.Select(e => new ExpiredEntry(outcome.IgnoreFile ?? "", e.Entry.Line, e.Entry.ToString(), e.Matches))]);
}

[Description("Counts by level and the ship verdict.")]
public sealed record SummaryEntry(
    [property: Description("The repo compared.")] string Repo,
    [property: Description("The base revision (a ref or commit id).")] string Base,
    [property: Description("The head revision, or 'worktree' for the working tree.")] string Head,
    [property: Description("Breaking changes (level ERR).")] int Errors,
    [property: Description("Potentially breaking changes (level WARN).")] int Warnings,
    [property: Description("Changelog-only changes (level INFO).")] int Infos,
    [property: Description("Yes/no like a can-i-deploy check: true when no change breaks any consumer (or, when none is linked, when no change is breaking).")] bool SafeToShip,
    [property: Description("One sentence: the verdict and why.")] string Verdict)
{
    public static SummaryEntry From(DiffSummary s) => new(s.Repo, s.Base, s.Head, s.Errors, s.Warnings, s.Infos, s.SafeToShip, s.Verdict);
}

[Description("One API change a rule found.")]
public sealed record ChangeEntry(
    [property: Description("The change's stable id (the same in every run), e.g. for propose_migration's change_id.")] string? Id,
    [property: Description("Rule id, e.g. api-removed-without-deprecation (the ids oasdiff uses, where it has the rule).")] string Rule,
    [property: Description("ERR (breaking), WARN (potentially breaking) or INFO (changelog).")] string Level,
    [property: Description("The endpoint's HTTP method.")] string Method,
    [property: Description("The endpoint's route at head (at base when removed), with its server base path.")] string Path,
    [property: Description("Where in the operation, e.g. 'response 200 body .items[].price'.")] string Location,
    string Message,
    [property: Description("The value before, as short text (JSON for schemas), when the rule has one.")] string? Before,
    [property: Description("The value after, as short text, when the rule has one.")] string? After,
    [property: Description("The endpoint's id (repo:METHOD:path-key), as list_apis and find_consumers use it.")] string? EndpointId,
    [property: Description("Repo-relative file declaring the operation (head, or base when removed).")] string? File,
    [property: Description("1-based line of the operation; absent when unknown.")] int? Line,
    [property: Description("The linked call sites this change reaches, each with the change's level for it.")] IReadOnlyList<AffectedEntry> Affected)
{
    public static ChangeEntry From(Change c) => new(c.Id.Length == 0 ? null : c.Id, c.Rule, c.Level.Name(), c.Method, c.Path, c.Location, c.Message, c.Before, c.After,
        c.EndpointId, c.File, c.Line > 0 ? c.Line : null, [.. c.Affected.Select(AffectedEntry.From)]);
}

[Description("A consumer a change reaches.")]
public sealed record AffectedEntry(
    string Repo,
    [property: Description("Repo-relative path with '/'.")] string File,
    [property: Description("1-based line of the call.")] int Line,
    string Method,
    [property: Description("The URL as written in the code.")] string Url,
    bool IsTest,
    [property: Description("The change's level for this consumer: lower than the change's when Mesh knows the consumer cannot be touched.")] string Level,
    [property: Description("Why the level is what it is, e.g. which fields the consumer reads.")] string Evidence,
    [property: Description("The call site's stable id.")] string CallSiteId)
{
    public static AffectedEntry From(AffectedConsumer a) => new(a.Repo, a.File, a.Line, a.Method, a.Url, a.IsTest, a.Level.Name(), a.Evidence, a.CallSiteId);
}

[Description("A change the ignore file left out.")]
public sealed record IgnoredEntry(ChangeEntry Change, string File, int Line, string? Until, string? Reason);

[Description("An ignore entry past its until date.")]
public sealed record ExpiredEntry(string File, int Line, string Entry, [property: Description("Reported changes it would have ignored.")] int Matches);
