using System.Globalization;
using Mesh.Engine.Model;

namespace Mesh.Engine.Diff;

/// <summary>
/// A <c>.mesh-ignore</c> file: changes a team accepted on purpose, one per line,
/// <c>rule-id METHOD /path [until YYYY-MM-DD] [# reason]</c>. <c>*</c> stands for any rule or any method; paths
/// compare by path key, so <c>/orders/{id}</c> also matches <c>/orders/{orderId}</c>. An entry ignores through
/// its <c>until</c> day; after it, the entry is expired: the change is reported again and the entry is named.
/// A line that does not parse is an error, so a typo never silently lets a breaking change through.
/// </summary>
public sealed class IgnoreFile
{
    public const string DefaultName = ".mesh-ignore";
    public const string Any = "*";

    private IgnoreFile(string path, IReadOnlyList<IgnoreEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The file as the user names it (repo-relative with '/' for the default one).</summary>
    public string Path { get; }

    public IReadOnlyList<IgnoreEntry> Entries { get; }

    public static IgnoreFile Empty(string path) => new(path, []);

    /// <summary>Parses the file's text; throws <see cref="MeshException"/> naming the file, line and what is valid.</summary>
    /// <param name="catalog">The rule ids an entry may name (default: every rule of <see cref="DiffRules.Catalog"/>).</param>
    public static IgnoreFile Parse(string path, string text, IReadOnlyList<RuleInfo>? catalog = null)
    {
        var known = (catalog ?? DiffRules.Catalog).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var entries = new List<IgnoreEntry>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (ParseLine(path, i + 1, lines[i], known) is { } entry) entries.Add(entry);
        return new IgnoreFile(path, entries);
    }

    /// <summary>Reads the file at <paramref name="fullPath"/>, shown as <paramref name="path"/>; a missing file ignores nothing.</summary>
    public static IgnoreFile Load(string fullPath, string path, bool required)
    {
        if (File.Exists(fullPath)) return Parse(path, File.ReadAllText(fullPath));
        if (required) throw new MeshException($"ignore file '{path}' does not exist; pass --ignore with an existing file, or omit it to use {DefaultName} in the repo root when present");
        return Empty(path);
    }

    /// <summary>The repo's own <c>.mesh-ignore</c> (in its root folder), or an empty one when it has none.</summary>
    public static IgnoreFile OfRepo(Sources.RepoConfig repo) => Load(System.IO.Path.Combine(repo.Path, DefaultName), DefaultName, required: false);

    private static IgnoreEntry? ParseLine(string file, int number, string line, IReadOnlySet<string> known)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        var reason = hash >= 0 ? line[(hash + 1)..].Trim() : null;
        var words = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        string Where() => $"{file}:{number}";
        if (words.Length is not (3 or 5))
            throw new MeshException($"{Where()}: expected 'rule-id METHOD /path [until YYYY-MM-DD] [# reason]', got '{line.Trim()}'");

        var rule = words[0];
        if (rule != Any && !known.Contains(rule))
        {
            var closest = Suggest.Closest(rule, known);
            throw new MeshException($"{Where()}: unknown rule id '{rule}'{(closest is null ? "" : $" (did you mean '{closest}'?)")}; " +
                "valid: '*' or a rule id that mesh diff reports");
        }
        var method = words[1].ToUpperInvariant();
        if (method != Any && !HttpMethods.Contains(method))
            throw new MeshException($"{Where()}: '{words[1]}' is not an HTTP method; valid: '*', {string.Join(", ", HttpMethods)}");
        var path = words[2];
        if (!path.StartsWith('/'))
            throw new MeshException($"{Where()}: the path '{path}' must start with '/', e.g. /orders/{{id}}");

        DateOnly? until = null;
        if (words.Length == 5)
        {
            if (!words[3].Equals("until", StringComparison.OrdinalIgnoreCase))
                throw new MeshException($"{Where()}: expected 'until YYYY-MM-DD' after the path, got '{words[3]}'");
            if (!DateOnly.TryParseExact(words[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new MeshException($"{Where()}: '{words[4]}' is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30");
            until = day;
        }
        return new IgnoreEntry(rule, method, path, until, string.IsNullOrEmpty(reason) ? null : reason, number);
    }

    private static readonly IReadOnlyList<string> HttpMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"];

    /// <summary>
    /// Removes the changes an entry in force matches; changes matched only by expired entries stay. The summary is
    /// counted again over what is left.
    /// </summary>
    public DiffOutcome Apply(DiffReport report, DateOnly today)
    {
        var kept = new List<Change>();
        var ignored = new List<IgnoredChange>();
        var expiredMatches = new Dictionary<IgnoreEntry, int>();
        foreach (var change in report.Changes)
        {
            var matching = Entries.Where(e => e.Matches(change)).ToList();
            if (matching.FirstOrDefault(e => !e.ExpiredOn(today)) is { } entry)
            {
                ignored.Add(new IgnoredChange(change, entry));
                continue;
            }
            kept.Add(change);
            foreach (var expired in matching) expiredMatches[expired] = expiredMatches.GetValueOrDefault(expired) + 1;
        }
        var expiredEntries = Entries.Where(e => e.ExpiredOn(today)).Select(e => new ExpiredIgnore(e, expiredMatches.GetValueOrDefault(e))).ToList();
        if (ignored.Count == 0 && expiredEntries.Count == 0) return new DiffOutcome(report, Path, [], []);
        return new DiffOutcome(report with { Summary = DiffVerdict.Recount(report.Summary, kept), Changes = kept }, Path, ignored, expiredEntries);
    }
}

/// <summary>One line of an ignore file.</summary>
public sealed record IgnoreEntry(string Rule, string Method, string Path, DateOnly? Until, string? Reason, int Line)
{
    private string PathKeyValue { get; } = Model.PathKey.FromTemplate(Path);

    public bool Matches(Change change) =>
        (Rule == IgnoreFile.Any || Rule == change.Rule)
        && (Method == IgnoreFile.Any || Method == change.Method)
        && PathKeyValue == Model.PathKey.FromTemplate(change.Path);

    /// <summary>An entry ignores through its <c>until</c> day and is expired from the day after.</summary>
    public bool ExpiredOn(DateOnly today) => Until is { } until && today > until;

    public override string ToString() =>
        $"{Rule} {Method} {Path}" + (Until is { } until ? $" until {until:yyyy-MM-dd}" : "") + (Reason is null ? "" : $" # {Reason}");
}

/// <summary>A change left out of the report, and the entry that left it out.</summary>
public sealed record IgnoredChange(Change Change, IgnoreEntry Entry);

/// <summary>An entry past its <c>until</c> day, and how many reported changes it would still have ignored.</summary>
public sealed record ExpiredIgnore(IgnoreEntry Entry, int Matches);

/// <summary>What mesh diff found, after the ignore file, and what the file did: every format shows both.</summary>
public sealed record DiffOutcome(DiffReport Report, string? IgnoreFile, IReadOnlyList<IgnoredChange> Ignored, IReadOnlyList<ExpiredIgnore> Expired)
{
    /// <summary>A report that no ignore file touched.</summary>
    public static DiffOutcome Of(DiffReport report) => new(report, null, [], []);
}
