using Mesh.Engine.Indexing;

namespace Mesh.Engine.Diff;

/// <summary>
/// Which revisions of which repo to compare. Base defaults to <c>HEAD</c>; without <see cref="Head"/> (or with
/// <see cref="WorkingTree"/>) the head side is the working tree, which is what an agent has just edited.
/// </summary>
public sealed record DiffRequest(string Repo, string? Base = null, string? Head = null, bool WorkingTree = false, DiffOptions? Options = null)
{
    public bool HeadIsWorkingTree => WorkingTree || Head is null;
}

/// <param name="BaseConsumers">The call sites that reached the repo's operations at base (see <see cref="OperationConsumers"/>).</param>
public sealed record DiffComparison(DiffReport Report, IReadOnlyList<EndpointVersion> Base, IReadOnlyList<EndpointVersion> Head, OperationConsumers BaseConsumers);

/// <summary>
/// Diffs a repo's API between two revisions through the fact cache and attaches the consumers of every change: the call
/// sites that reached its operation at base, linked against the base revision's surface whatever the index holds.
/// </summary>
public static class DiffQuery
{
    public static DiffReport Run(WorkspaceIndex index, DiffRequest request, CancellationToken cancellationToken = default) =>
        Compare(index, request, cancellationToken).Report;

    /// <summary>The report with the operations it compared, for callers that look further (migration briefs).</summary>
    public static DiffComparison Compare(WorkspaceIndex index, DiffRequest request, CancellationToken cancellationToken = default)
    {
        var options = request.Options ?? new DiffOptions { Today = DateOnly.FromDateTime(index.Clock.GetUtcNow().UtcDateTime) };
        var baseRef = string.IsNullOrWhiteSpace(request.Base) ? "HEAD" : request.Base;
        var before = index.SurfaceAt(request.Repo, baseRef, workingTree: false, cancellationToken);
        var after = request.HeadIsWorkingTree
            ? index.SurfaceAt(request.Repo, null, workingTree: true, cancellationToken)
            : index.SurfaceAt(request.Repo, request.Head, workingTree: false, cancellationToken);
        var baseVersions = EndpointVersions.Of(before.Surface);
        var headVersions = EndpointVersions.Of(after.Surface);
        var differences = SurfaceDiffer.Default.Diff(baseVersions, headVersions, options, DocumentVersion.Of(before.Surface), DocumentVersion.Of(after.Surface));
        var services = index.Workspace.Services;
        var baseConsumers = new OperationConsumers(index.Store, request.Repo, baseVersions, before.Blobs, services);
        var headConsumers = new OperationConsumers(index.Store, request.Repo, headVersions, after.Blobs, services);
        IReadOnlyList<Change> changes;
        // The consumers come from one published index; the parsing above holds no one back.
        using (index.Reading()) changes = new ChangeImpact(index.Store, baseConsumers, headConsumers).Attach(differences);

        var summary = DiffVerdict.Summarize(request.Repo, Label(baseRef, before.Revision), request.HeadIsWorkingTree ? "worktree" : Label(request.Head!, after.Revision), changes) with
        {
            OperationsBefore = baseVersions.Count,
            OperationsAfter = headVersions.Count,
            FilesParsed = before.FilesParsed + after.FilesParsed,
        };
        return new DiffComparison(new DiffReport(summary, changes), baseVersions, headVersions, baseConsumers);
    }

    private static string Label(string reference, string revision) =>
        revision.StartsWith(reference, StringComparison.OrdinalIgnoreCase) ? revision[..Math.Min(12, revision.Length)] : $"{reference} ({revision[..Math.Min(12, revision.Length)]})";
}
