namespace Mesh.Engine;

/// <summary>
/// A problem with what the user asked for (bad argument, unknown repo or ref, bad workspace), with a message
/// that names what was wrong and what is valid. Front ends show the message as is; anything else is a bug.
/// </summary>
public class MeshException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class UnknownRepoException(string name, IReadOnlyList<string> known)
    : MeshException(Describe(name, known))
{
    public string Name { get; } = name;
    public IReadOnlyList<string> Known { get; } = known;

    private static string Describe(string name, IReadOnlyList<string> known)
    {
        if (known.Count == 0) return $"unknown repo '{Suggest.Shown(name)}'; the workspace has no repos";
        var closest = name.Length > Suggest.ShownLength ? null : Suggest.Closest(name, known);
        var hint = closest is null ? "" : $" (did you mean '{Suggest.Shown(closest)}'?)";
        return $"unknown repo '{Suggest.Shown(name)}'{hint}; known: {string.Join(", ", known.Select(Suggest.Shown))}";
    }
}

public sealed class UnknownRefException(string repo, string reference, IReadOnlyList<string> known)
    : MeshException($"unknown ref '{Suggest.Shown(reference)}' in repo '{repo}'; valid: a commit id, HEAD, HEAD~N, or one of: {string.Join(", ", known)}");

/// <summary>Near-miss suggestions for "did you mean".</summary>
public static partial class Suggest
{
    /// <summary>The most of a user's text an error message repeats.</summary>
    public const int ShownLength = 80;

    /// <summary>A message with every quoted run ('...') longer than <see cref="ShownLength"/> cut down, so an error never echoes a huge argument.</summary>
    public static string Bounded(string message) =>
        message.Length <= 4 * ShownLength ? message : LongQuote().Replace(message, m => IsShown(m.Groups[1].Value) ? m.Value : $"'{Shown(m.Groups[1].Value)}'");

    /// <summary>True for text <see cref="Shown"/> already cut: cutting it again would report the cut's length, not the text's.</summary>
    private static bool IsShown(string text) => text.Length <= ShownLength + 40 && ShownTail().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\.\.\. \([\d,.]+ characters\)$")]
    private static partial System.Text.RegularExpressions.Regex ShownTail();

    [System.Text.RegularExpressions.GeneratedRegex("'([^']{81,})'")]
    private static partial System.Text.RegularExpressions.Regex LongQuote();

    /// <summary>User or repository text as an error message quotes it: on one line (breaks shown as <c>\n</c>), whole when short, else its start and its length.</summary>
    public static string Shown(string text) =>
        text.Length <= ShownLength ? Context.OneLine.Of(text) : $"{Context.OneLine.Of(text[..ShownLength])}... ({text.Length:N0} characters)";

    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return best is not null && bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    /// <summary>Edit distance on short names; no library in the stack offers it.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
