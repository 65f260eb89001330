using System.Text.Json.Serialization;

namespace Mesh.Engine.Diff;

/// <summary>
/// One difference between two versions of an API surface that a rule recognised.
/// <see cref="Location"/> names the place in the operation, e.g. <c>response 200 body .items[].price</c>.
/// </summary>
public sealed record Change(
    string Rule,
    ChangeLevel Level,
    string Method,
    string Path,
    string Location,
    string Message)
{
    /// <summary>
    /// Stable id: <c>repo:</c> + a hash of endpoint, rule and location, so the same change has the same id in every run
    /// (what <c>propose_migration</c> and ignore lists refer to).
    /// </summary>
    public string Id { get; init; } = "";

    /// <summary>The value before and after, as short text (JSON for schema values), when the rule has one.</summary>
    public string? Before { get; init; }
    public string? After { get; init; }

    /// <summary>The endpoint's id at head, or at base when it was removed.</summary>
    public string? EndpointId { get; init; }

    /// <summary>Where the operation is declared (head, or base when removed): repo-relative file and 1-based line.</summary>
    public string? File { get; init; }
    public int Line { get; init; }

    /// <summary>The schema site the change is at (null for operation-level changes); lets impact ask what a consumer reads or sends there.</summary>
    [JsonIgnore]
    public SchemaSite? Site { get; init; }

    /// <summary>The level that decides shipping: the worst level among linked consumers, or the rule's level when none is linked.</summary>
    public ChangeLevel EffectiveLevel => Affected.Count == 0 ? Level : Affected.Max(a => a.Level);

    /// <summary>Linked call sites this change reaches, each with its own verdict; filled by <see cref="ChangeImpact"/>.</summary>
    public IReadOnlyList<AffectedConsumer> Affected { get; init; } = [];
}

/// <summary>
/// A linked call site of a changed operation and what the change means for it. <see cref="Level"/> is the change's
/// level for this consumer: lowered when Mesh knows the consumer cannot be touched (it never reads the removed field),
/// with the evidence in <see cref="Evidence"/>.
/// </summary>
public sealed record AffectedConsumer(
    string CallSiteId,
    string Repo,
    string File,
    int Line,
    string Method,
    string Url,
    bool IsTest,
    ChangeLevel Level,
    string Evidence);

/// <summary>A rule id with its default level, as listed in <see cref="DiffRules.Catalog"/>.</summary>
public sealed record RuleInfo(string Id, ChangeLevel Level);
