using System.Globalization;
using Mesh.Engine;
using Octokit;

namespace Mesh.McpServer.GitHub;

/// <summary>The repositories of an owner, and how many pages GitHub served them in.</summary>
public sealed record RepoListing(string Owner, bool IsUser, IReadOnlyList<GitHubRepo> Repos, int Pages);

/// <summary>
/// Lists every repository of a GitHub organization (or, when no organization has that name, of that user), one
/// page at a time. A rate-limited page is waited out when GitHub's reset is no further than <c>maxWait</c>, then
/// asked again; a longer wait is reported with the reset time. Nothing is retried without GitHub saying when.
/// </summary>
public sealed class GitHubRepoLister(IGitHubClient client, Uri apiUrl, TimeSpan maxWait, TimeProvider time, TextWriter log, int pageSize = 100)
{
    /// <summary>How often one page may be waited out before giving up (a reset that does not free the limit).</summary>
    private const int MaxWaitsPerPage = 3;

    public async Task<RepoListing> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        var isUser = false;
        IReadOnlyList<Repository> first;
        try
        {
            first = await PageAsync(owner, isUser, 1, cancellationToken);
        }
        catch (NotFoundException)
        {
            isUser = true;
            try
            {
                first = await PageAsync(owner, isUser, 1, cancellationToken);
            }
            catch (NotFoundException)
            {
                throw new MeshException($"GitHub at {apiUrl} has no organization or user '{owner}'; check the name (github:ORG){TokenHint}");
            }
        }
        var repos = new List<GitHubRepo>();
        var pages = 1;
        for (var batch = first; ; batch = await PageAsync(owner, isUser, ++pages, cancellationToken))
        {
            repos.AddRange(batch.Select(r => new GitHubRepo(r.Name, r.CloneUrl, r.Archived, r.Fork, r.Topics ?? [])));
            // GitHub fills every page but the last.
            if (batch.Count < pageSize) break;
        }
        return new RepoListing(owner, isUser, repos, pages);
    }

    private string TokenHint => client.Connection.Credentials.AuthenticationType == AuthenticationType.Anonymous
        ? ", or set GITHUB_TOKEN if it is private"
        : "";

    private async Task<IReadOnlyList<Repository>> PageAsync(string owner, bool isUser, int page, CancellationToken cancellationToken)
    {
        var options = new ApiOptions { StartPage = page, PageCount = 1, PageSize = pageSize };
        var what = $"the repositories of {owner}";
        for (var waits = 0; ; waits++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return isUser
                    ? await client.Repository.GetAllForUser(owner, options).ConfigureAwait(false)
                    : await client.Repository.GetAllForOrg(owner, options).ConfigureAwait(false);
            }
            catch (ApiException e) when (GitHubRateLimit.ResumeAt(e, time.GetUtcNow()) is { } resume)
            {
                var wait = resume - time.GetUtcNow();
                if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                var until = resume.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                if (wait > maxWait)
                    throw new MeshException($"GitHub's API rate limit is used up until {until} (in {Minutes(wait)}), longer than the {maxWait.TotalSeconds:0} s Mesh waits (--max-wait); run again after {until}{(TokenHint.Length > 0 ? " or set GITHUB_TOKEN for a higher limit" : "")}", e);
                if (waits == MaxWaitsPerPage)
                    throw new MeshException($"GitHub's API rate limit was still used up after waiting {MaxWaitsPerPage} times for page {page} of {what}; run again after {until}", e);
                await log.WriteLineAsync($"mesh: GitHub's API rate limit is used up; waiting {wait.TotalSeconds:0} s (until {until}) for page {page} of {what}");
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
            catch (AuthorizationException e)
            {
                throw new MeshException($"GitHub refused the token in GITHUB_TOKEN ({(int)e.StatusCode}: {e.Message}); check that it is valid and not expired", e);
            }
            catch (NotFoundException)
            {
                throw;
            }
            catch (ForbiddenException e)
            {
                throw new MeshException($"GitHub refused to list {what} (403: {e.Message}); the token in GITHUB_TOKEN needs read access to the organization's repositories", e);
            }
            catch (ApiException e)
            {
                throw new MeshException($"GitHub answered {(int)e.StatusCode} when listing {what}: {e.Message}", e);
            }
            catch (HttpRequestException e)
            {
                throw new MeshException($"could not reach the GitHub API at {apiUrl}: {e.Message}; check --github-api-url / GITHUB_API_URL", e);
            }
        }
    }

    private static string Minutes(TimeSpan wait) =>
        wait.TotalMinutes >= 1 ? $"{Math.Ceiling(wait.TotalMinutes):0} min" : $"{Math.Ceiling(wait.TotalSeconds):0} s";
}
