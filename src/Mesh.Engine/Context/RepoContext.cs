using Mesh.Engine.Diff;
using Mesh.Engine.Model;
using Mesh.Engine.Sources;
using Mesh.Engine.Storage;

namespace Mesh.Engine.Context;

/// <summary>
/// What an agent working in a repo should know about HTTP APIs: what the repo provides and who calls it, what it calls
/// and who provides that, the calls Mesh could not link, and the recent changes of its providers that reach its calls.
/// </summary>
public sealed record RepoContext(
    string Repo,
    string Revision,
    DateTimeOffset IndexedAt,
    IReadOnlyList<ProvidedApi> Provides,
    IReadOnlyList<ConsumedApi> Consumes,
    IReadOnlyList<UnlinkedCall> Unresolved,
    RecentChangeScan Scan,
    IReadOnlyList<AffectingChange> RecentChanges);

/// <summary>An endpoint of the repo with the call sites linked to it (every repo), best score first.</summary>
public sealed record ProvidedApi(Endpoint Endpoint, IReadOnlyList<Consumer> Consumers);

/// <summary>An endpoint of some repo that this repo's call sites are linked to.</summary>
public sealed record ConsumedApi(Endpoint Endpoint, IReadOnlyList<ProviderLink> Calls);

/// <summary>A call site linked to no endpoint, with the linker's reason.</summary>
public sealed record UnlinkedCall(CallSite CallSite, string Reason);

/// <summary>Which providers' histories were read for recent changes, how deep, and which could not be read.</summary>
public sealed record RecentChangeScan(IReadOnlyList<string> Providers, int Commits, IReadOnlyList<string> Unreadable);

/// <summary>A change in a provider's commit, with the call sites of this repo it reaches (each with its own level and evidence).</summary>
public sealed record AffectingChange(string Provider, CommitStep Commit, Change Change, IReadOnlyList<AffectedConsumer> Calls)
{
    /// <summary>The worst level among this repo's calls.</summary>
    public ChangeLevel Level => Calls.Max(c => c.Level);
}
