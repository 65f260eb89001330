using System.Globalization;
using System.Text.RegularExpressions;
using Mesh.Engine;
using Octokit;

namespace Mesh.McpServer.GitHub;

/// <summary>A pull request named as <c>owner/repo#123</c>.</summary>
public sealed partial record PullRequestRef(string Owner, string Repo, int Number)
{
    public static PullRequestRef Parse(string text)
    {
        var match = Shape().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            throw new MeshException($"'{text}' does not name a pull request; write it as owner/repo#123");
        return new PullRequestRef(match.Groups[1].Value, match.Groups[2].Value, number);
    }

    public override string ToString() => $"{Owner}/{Repo}#{Number}";

    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)#(\d+)$")]
    private static partial Regex Shape();
}

public enum CommentAction { Created, Updated }

public sealed record CommentResult(CommentAction Action, long Id, string? Url);

/// <summary>
/// Keeps one Mesh comment per pull request: the first run creates it, later runs edit it in place. The comment is
/// found by a hidden marker at the top of its body, so no user lookup is needed (Actions tokens cannot read /user).
/// </summary>
public sealed class PullRequestComments(IGitHubClient client)
{
    public const string Marker = "<!-- mesh-diff -->";

    /// <summary>GitHub refuses comment bodies over 65,536 characters; the report is cut below this, with room for the marker.</summary>
    public const int MaxReportLength = 65_000;

    public async Task<CommentResult> PostOrUpdateAsync(PullRequestRef pr, string report)
    {
        var body = Marker + "\n" + report;
        try
        {
            var existing = (await client.Issue.Comment.GetAllForIssue(pr.Owner, pr.Repo, pr.Number).ConfigureAwait(false))
                .FirstOrDefault(c => c.Body?.Contains(Marker, StringComparison.Ordinal) == true);
            if (existing is null)
            {
                var created = await client.Issue.Comment.Create(pr.Owner, pr.Repo, pr.Number, body).ConfigureAwait(false);
                return new CommentResult(CommentAction.Created, created.Id, created.HtmlUrl);
            }
            var updated = await client.Issue.Comment.Update(pr.Owner, pr.Repo, existing.Id, body).ConfigureAwait(false);
            return new CommentResult(CommentAction.Updated, updated.Id, updated.HtmlUrl);
        }
        catch (AuthorizationException e)
        {
            throw new MeshException($"GitHub refused the token for {pr} ({e.Message}); GITHUB_TOKEN needs 'pull-requests: write' (or 'issues: write')", e);
        }
        catch (NotFoundException e)
        {
            throw new MeshException($"GitHub has no pull request {pr}, or the token cannot see it ({e.Message})", e);
        }
        catch (ApiException e)
        {
            throw new MeshException($"GitHub answered {(int)e.StatusCode} while commenting on {pr}: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new MeshException($"could not reach the GitHub API to comment on {pr}: {e.Message}; check --github-api-url / GITHUB_API_URL", e);
        }
    }
}
