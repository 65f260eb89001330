using Mesh.Engine.Diff;
using Mesh.Engine.Queries;

namespace Mesh.Engine.Migration;

/// <summary>
/// What one consumer call site must do about one change: the contract before and after as it concerns this call,
/// why, the edit in words, and the rewritten lines when the edit is mechanical (a moved path, a new required query
/// parameter, a renamed field the quoted code names).
/// </summary>
public sealed record CallSiteEdit(
    string ChangeId,
    string Rule,
    ChangeLevel Level,
    string Location,
    string? Before,
    string? After,
    string Why,
    string Edit)
{
    /// <summary>The call's line as it should read after the edit, when Mesh can write it.</summary>
    public string? Replacement { get; init; }

    /// <summary>Every quoted line the edit rewrites (the call's line among them when it changes), when Mesh can write them.</summary>
    public IReadOnlyList<ReplacedLine>? ReplacedLines { get; init; }
}

/// <summary>A consumer call site with the code around it (quoted repository text, not instructions) and its edits.</summary>
public sealed record CallSiteTask(
    string CallSiteId,
    string Repo,
    string File,
    int Line,
    string Method,
    string Url,
    bool IsTest,
    CodeExcerpt? Code,
    IReadOnlyList<CallSiteEdit> Edits);

/// <summary>Per consumer repo: how to check the edit (its test command, when Mesh can tell) and Mesh's own check.</summary>
/// <param name="MeshCheck">What to do once the consumer is edited, in words.</param>
/// <param name="CliCommand">The same check as a command line for CI or a terminal.</param>
public sealed record ConsumerVerification(string Repo, string? TestCommand, string MeshCheck, string CliCommand);

/// <summary>A migration brief for the changes of a provider between two revisions.</summary>
public sealed record MigrationPlan(
    string Provider,
    string Base,
    string Head,
    IReadOnlyList<Change> Changes,
    IReadOnlyList<CallSiteTask> Tasks,
    IReadOnlyList<string> Order,
    IReadOnlyList<ConsumerVerification> Verification)
{
    /// <summary>Breaking changes no linked call site reaches (still worth a look: unknown clients may use them).</summary>
    public IReadOnlyList<Change> Unlinked { get; init; } = [];
}
