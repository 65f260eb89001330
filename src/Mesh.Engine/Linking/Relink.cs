using Mesh.Engine.Model;

namespace Mesh.Engine.Linking;

/// <summary>
/// What the stored links were computed from: the endpoints as they were then, and the directory's answer to every
/// lookup a call hinged on (<see cref="Linker.Answer"/>). <see cref="Stored"/> is false when nothing was linked yet (or
/// the store predates link state). <see cref="CallSites"/> counts the call sites stored now, <see cref="LinkedCallSites"/>
/// those with link state (the others were written since the last link). <see cref="Generation"/> counts repo writes.
/// </summary>
public sealed record LinkState(
    bool Stored, long Generation, int CallSites, int LinkedCallSites, IReadOnlyList<LinkEndpoint> Endpoints, IReadOnlyDictionary<string, LookupAnswer> Lookups);

/// <summary>
/// The stored calls a relink reads: <see cref="All"/>, or those never linked when <see cref="Unlinked"/> (new, or their
/// repo was indexed again), those whose links a single repo decides through one of <see cref="Lookups"/>, and, when
/// <see cref="Open"/>, those no single repo decides.
/// </summary>
public sealed record CallSelection(bool All, bool Unlinked, IReadOnlyList<string> Lookups, bool Open)
{
    public static CallSelection Everything { get; } = new(true, true, [], true);
}

/// <summary>
/// A stored call with the digest of the resolution its stored links came from (null: not linked since it was written,
/// or read with <see cref="CallSelection.All"/>, which links everything again).
/// </summary>
public sealed record StoredCall(LinkCall Call, long? Digest);

/// <summary>
/// What a call's links were computed from, stored beside them: the digest of its resolution, and what decides them:
/// <see cref="Open"/> (the endpoints of any repo), <see cref="Nothing"/> (no endpoint: a dynamic URL), or else the lookup
/// whose answer names the one repo whose endpoints do (see <see cref="LinkOutcome.DecidedBy"/>).
/// </summary>
public sealed record CallLinkState(string CallSite, long Digest, string DecidedBy)
{
    public const string Open = "*";
    public const string Nothing = "";

    public static CallLinkState Of(string callSite, long digest, LinkOutcome outcome, CallResolution resolution) =>
        new(callSite, digest, outcome.DecidedBy switch { null => Open, "" => Nothing, _ => resolution.Lookup! });
}

/// <summary>
/// What a relink writes. <see cref="Full"/>: every link, unresolved call, call state and lookup is replaced by these.
/// Otherwise only the rows of the <see cref="Relinked"/> calls are, lookups are added or updated, and the endpoint
/// snapshot changes by <see cref="EndpointsRemoved"/> and <see cref="EndpointsSaved"/>.
/// </summary>
public sealed record LinkUpdate(
    long Generation,
    bool Full,
    string? FullReason,
    int Examined,
    IReadOnlyList<string> Relinked,
    IReadOnlyList<Link> Links,
    IReadOnlyList<UnresolvedCall> Unresolved,
    IReadOnlyList<CallLinkState> States,
    IReadOnlyDictionary<string, LookupAnswer> Lookups,
    IReadOnlyList<string> EndpointsRemoved,
    IReadOnlyList<LinkEndpoint> EndpointsSaved);

/// <summary>
/// Links again only the calls whose links can have changed since they were stored; the others keep theirs, and the
/// result equals linking everything. A call's links are a function of its resolution (its own fields, the directory's
/// answer to its lookup, the gateway routes) and of the endpoints matching the paths it probes; when its target serves
/// a route it matches, of the target's endpoints only. So after a change these can differ: calls never linked (new, or
/// their repo was indexed again); calls whose lookup's answer changed (a config value, service declaration, mesh.json
/// alias or repo name); calls decided by a repo whose endpoints changed; and, when any endpoint or answer changed, calls
/// that no single repo decides. Of those read, a call is linked again when its resolution digest changed or a path it
/// probes matches an endpoint added, removed or changed (old or new version).
/// </summary>
public static class Relink
{
    /// <summary>Calls linked together in a full link: enough to keep every core busy, few enough to hold their resolutions.</summary>
    private const int BlockSize = 4096;

    /// <summary>Above this share of affected calls, replacing everything is cheaper than row-by-row updates.</summary>
    private const double FullShare = 0.5;

    public static LinkUpdate Plan(
        IReadOnlyList<LinkEndpoint> endpoints,
        ServiceDirectory directory,
        IReadOnlyList<RepoFact<ProxyRouteFact>> proxies,
        LinkState previous,
        Func<CallSelection, IReadOnlyList<StoredCall>> read,
        string? fullReason = null)
    {
        var linker = new Linker(endpoints, directory, proxies);
        if (!previous.Stored) fullReason ??= "no links stored yet";
        // Which repos implement a shared OpenAPI document decides spec-mediated links of calls whose paths did not change.
        if (fullReason is null && !SpecMediation.Implementations(previous.Endpoints).SetEquals(linker.Implementations))
            fullReason = "the repos implementing a shared OpenAPI document changed";

        var before = previous.Endpoints.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var now = new Dictionary<string, LinkEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints) now.TryAdd(endpoint.Id, endpoint);
        var removed = before.Values.Where(e => !now.TryGetValue(e.Id, out var current) || current != e).ToList();
        var saved = now.Values.Where(e => !before.TryGetValue(e.Id, out var old) || old != e).ToList();

        var answers = new Dictionary<string, LookupAnswer>(StringComparer.Ordinal);
        var links = new List<Link>();
        var unresolved = new List<UnresolvedCall>();
        var states = new List<CallLinkState>();
        void LinkOne(LinkCall call, CallResolution resolution, long digest) => Gather(call, resolution, digest, linker.Link(call, resolution));
        void Gather(LinkCall call, CallResolution resolution, long digest, LinkOutcome outcome)
        {
            links.AddRange(outcome.Links);
            if (outcome.Unresolved is not null) unresolved.Add(outcome.Unresolved);
            states.Add(CallLinkState.Of(call.Id, digest, outcome, resolution));
            foreach (var lookup in resolution.HopLookups.Prepend(resolution.Lookup))
                if (lookup is not null && !answers.ContainsKey(lookup)) answers[lookup] = linker.Answer(lookup);
        }

        var examined = 0;
        if (fullReason is null)
        {
            foreach (var (lookup, answer) in previous.Lookups)
                if (linker.Answer(lookup) is var current && current != answer) answers[lookup] = current;
            // Calls decided through a lookup whose answer changed, or whose answer names a repo whose endpoints changed.
            var changedRepos = removed.Concat(saved).Select(e => e.Repo).ToHashSet(StringComparer.Ordinal);
            var lookups = previous.Lookups.Where(l => answers.ContainsKey(l.Key) || (l.Value.Repo is { } repo && changedRepos.Contains(repo)))
                .Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
            var calls = read(new CallSelection(false, previous.LinkedCallSites != previous.CallSites, lookups, changedRepos.Count > 0 || answers.Count > 0));
            examined = calls.Count;
            var touched = new RouteIndex(removed.Concat(saved));
            var affected = new List<(LinkCall Call, CallResolution Resolution, long Digest)>();
            foreach (var call in calls)
            {
                var resolution = linker.Resolve(call.Call);
                var digest = resolution.Digest(call.Call);
                if (call.Digest != digest || (!touched.IsEmpty && Probes(touched, call.Call, resolution))) affected.Add((call.Call, resolution, digest));
            }
            if (affected.Count > FullShare * previous.CallSites) fullReason = $"{affected.Count} of {previous.CallSites} call sites affected";
            else
            {
                foreach (var (call, resolution, digest) in affected) LinkOne(call, resolution, digest);
                return new LinkUpdate(previous.Generation, false, null, examined, affected.Select(a => a.Call.Id).ToList(), links, unresolved, states, answers,
                    removed.Select(e => e.Id).Where(id => !now.ContainsKey(id)).ToList(), saved);
            }
        }

        // Everything, a block of calls at a time: the linker only reads, so a block is resolved and linked on every core,
        // then gathered in the calls' order; nothing of a call's resolution outlives its block.
        answers.Clear();
        var all = read(CallSelection.Everything);
        var block = new (CallResolution Resolution, long Digest, LinkOutcome Outcome)[Math.Min(all.Count, BlockSize)];
        for (var start = 0; start < all.Count; start += BlockSize)
        {
            var count = Math.Min(BlockSize, all.Count - start);
            var first = start;
            Parallel.For(0, count, i =>
            {
                var call = all[first + i].Call;
                var resolution = linker.Resolve(call);
                block[i] = (resolution, resolution.Digest(call), linker.Link(call, resolution));
            });
            for (var i = 0; i < count; i++) Gather(all[start + i].Call, block[i].Resolution, block[i].Digest, block[i].Outcome);
            Array.Clear(block);
        }
        answers[Linker.ProxiesLookup] = linker.Answer(Linker.ProxiesLookup);
        return new LinkUpdate(previous.Generation, true, fullReason, all.Count, all.Select(c => c.Call.Id).ToList(), links, unresolved, states, answers, [], now.Values.ToList());
    }

    /// <summary>Does any path the call probes match a changed endpoint?</summary>
    private static bool Probes(RouteIndex touched, LinkCall call, CallResolution resolution)
    {
        var method = call.Method?.ToUpperInvariant();
        foreach (var probe in resolution.Probes)
            if (touched.Any(probe, method)) return true;
        return false;
    }
}
