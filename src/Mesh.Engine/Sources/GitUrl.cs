using System.Text.RegularExpressions;

namespace Mesh.Engine.Sources;

/// <summary>A git remote as the user wrote it (https, http, ssh, git, file, or scp-like <c>git@host:org/repo.git</c>) and the repo name it implies.</summary>
public sealed partial record GitUrl(string Text, string Name, string? Host, bool IsLocal)
{
    private static readonly string[] Schemes = ["https", "http", "ssh", "git", "file"];

    /// <summary>Whether the text is meant as a URL rather than a folder: it has a scheme (<c>x://</c>) or the scp-like <c>user@host:path</c> form.</summary>
    public static bool Looks(string text) => text.Contains("://", StringComparison.Ordinal) || ScpLike().IsMatch(text);

    public static GitUrl Parse(string text)
    {
        text = text.Trim();
        string path;
        string? host;
        var local = false;
        if (ScpLike().Match(text) is { Success: true } scp)
        {
            host = scp.Groups[1].Value;
            path = scp.Groups[2].Value;
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && Schemes.Contains(uri.Scheme))
        {
            local = uri.IsFile;
            host = local ? null : uri.Host;
            if (!local && string.IsNullOrEmpty(host)) throw Bad(text, "it names no host");
            path = uri.AbsolutePath;
        }
        else
        {
            throw Bad(text, "it is neither an http(s), ssh, git or file URL nor the form git@host:org/repo.git");
        }
        var name = path.TrimEnd('/').Split('/').LastOrDefault() ?? "";
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        if (!RepoName().IsMatch(name)) throw Bad(text, "it names no repository (expected a path ending in the repo's name, e.g. /acme/orders.git)");
        return new GitUrl(text, name, host, local);
    }

    private static MeshException Bad(string text, string why) =>
        new($"'{text}' is not a git URL: {why}; e.g. https://github.com/acme/orders.git or git@github.com:acme/orders.git");

    [GeneratedRegex(@"^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!//)(.+)$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^(?!\.\.?$)[A-Za-z0-9._-]+$")]
    private static partial Regex RepoName();
}
