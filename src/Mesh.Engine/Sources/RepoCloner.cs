using LibGit2Sharp;

namespace Mesh.Engine.Sources;

public enum CloneAction { Cloned, Fetched, UpToDate }

/// <param name="Commit">The commit the clone's HEAD is at now (null for an empty repository).</param>
/// <param name="Before">The commit it was at before a fetch.</param>
public sealed record CloneOutcome(CloneAction Action, string? Commit, string? Before);

/// <summary>A token that git sends over https to one host only (e.g. github.com for a token meant for GitHub).</summary>
public sealed record GitToken(string Host, string Token);

/// <summary>
/// Keeps a clone of a remote repo in a folder Mesh owns: the first call clones it (shallow, depth 1, over the network),
/// later calls bring it to the remote branch's new tip: a full clone by fetching, a shallow one by cloning it again
/// when the remote branch moved (and touching nothing when it did not).
/// </summary>
public sealed class RepoCloner(GitToken? token)
{
    public CloneOutcome CloneOrFetch(GitUrl url, string target, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(target) && Repository.IsValid(target)) return Fetch(url, target, cancellationToken);
        // The folder is Mesh's own (under .mesh/repos): anything there that is not a repo is a failed earlier clone.
        if (Directory.Exists(target)) Delete(target);
        return Clone(url, target, cancellationToken);
    }

    private CloneOutcome Clone(GitUrl url, string target, CancellationToken cancellationToken)
    {
        // libgit2's local transport refuses shallow fetches ("shallow fetch is not supported by the local transport"), so local remotes are cloned whole.
        var fetch = Options(url, cancellationToken);
        if (!url.IsLocal) fetch.Depth = 1;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            Repository.Clone(url.Text, target, new CloneOptions(fetch));
        }
        catch (Exception e) when (e is LibGit2SharpException or UserCancelledException)
        {
            if (Directory.Exists(target)) Delete(target);
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure("clone", url, e);
        }
        using var repo = new Repository(target);
        return new CloneOutcome(CloneAction.Cloned, repo.Head.Tip?.Sha, null);
    }

    private CloneOutcome Fetch(GitUrl url, string target, CancellationToken cancellationToken)
    {
        string? before;
        bool shallow;
        using (var repo = new Repository(target))
        {
            before = repo.Head.Tip?.Sha;
            shallow = repo.Info.IsShallow;
            if (repo.Network.Remotes["origin"] is null) repo.Network.Remotes.Add("origin", url.Text);
            else if (repo.Network.Remotes["origin"].Url != url.Text) repo.Network.Remotes.Update("origin", r => r.Url = url.Text);
            var origin = repo.Network.Remotes["origin"];
            if (!shallow)
            {
                Network(url, "fetch", cancellationToken,
                    () => Commands.Fetch(repo, "origin", origin.FetchRefSpecs.Select(r => r.Specification), Options(url, cancellationToken), null));
                var tip = repo.Head.TrackedBranch?.Tip ?? repo.Branches[$"origin/{repo.Head.FriendlyName}"]?.Tip;
                if (tip is null || tip.Sha == before) return new CloneOutcome(CloneAction.UpToDate, before, before);
                // The clone is Mesh's cache, never someone's work: moving it to the remote's tip may discard anything local.
                repo.Reset(ResetMode.Hard, tip);
                return new CloneOutcome(CloneAction.Fetched, tip.Sha, before);
            }
            var branch = $"refs/heads/{repo.Head.FriendlyName}";
            var credentials = Options(url, cancellationToken).CredentialsProvider;
            var remoteTip = Network(url, "fetch", cancellationToken,
                () => (credentials is null ? repo.Network.ListReferences(origin) : repo.Network.ListReferences(origin, credentials))
                    .FirstOrDefault(r => r.CanonicalName == branch)?.ResolveToDirectReference()?.TargetIdentifier);
            if (remoteTip is null || remoteTip == before) return new CloneOutcome(CloneAction.UpToDate, before, before);
        }
        // LibGit2Sharp 0.32's fetch ignores Depth and would pull the whole history into a shallow clone: clone it again, shallow, and swap it in.
        var fresh = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(target)!, "." + System.IO.Path.GetFileName(target) + ".new");
        if (Directory.Exists(fresh)) Delete(fresh);
        var cloned = Clone(url, fresh, cancellationToken);
        Delete(target);
        Directory.Move(fresh, target);
        return new CloneOutcome(CloneAction.Fetched, cloned.Commit, before);
    }

    private static T Network<T>(GitUrl url, string verb, CancellationToken cancellationToken, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is LibGit2SharpException or UserCancelledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure(verb, url, e);
        }
    }

    private static void Network(GitUrl url, string verb, CancellationToken cancellationToken, Action call) =>
        Network(url, verb, cancellationToken, () => { call(); return 0; });

    private FetchOptions Options(GitUrl url, CancellationToken cancellationToken)
    {
        var options = new FetchOptions { OnTransferProgress = _ => !cancellationToken.IsCancellationRequested };
        if (token is not null && url.Host is not null && url.Text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.Host, token.Host, StringComparison.OrdinalIgnoreCase))
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token.Token };
        return options;
    }

    private static MeshException Failure(string verb, GitUrl url, Exception e)
    {
        var message = e.Message.TrimEnd('.');
        if (message.Contains("authentication", StringComparison.OrdinalIgnoreCase) || message.Contains("401", StringComparison.Ordinal)
            || message.Contains("403", StringComparison.Ordinal))
            return new MeshException($"authentication failed when trying to {verb} {url.Text} ({message}); set GITHUB_TOKEN to a token that can read the repository", e);
        return new MeshException($"could not {verb} {url.Text}: {message}", e);
    }

    private static void Delete(string folder)
    {
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)) file.Attributes = FileAttributes.Normal;
        Directory.Delete(folder, recursive: true);
    }
}
