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
    /// <summary>The value before and after, as short text (JSON for schema values), when the rule has one.</summary>
    public string? Before { get; init; }
    public string? After { get; init; }

    /// <summary>The endpoint's id at head, or at base when it was removed.</summary>
    public string? EndpointId { get; init; }

    /// <summary>Where the operation is declared (head, or base when removed): repo-relative file and 1-based line.</summary>
    public string? File { get; init; }
    public int Line { get; init; }
}

/// <summary>A rule id with its default level, as listed in <see cref="DiffRules.Catalog"/>.</summary>
public sealed record RuleInfo(string Id, ChangeLevel Level);
