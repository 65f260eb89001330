using System.Collections.Concurrent;
using System.Reflection;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// Queries kept as <c>.scm</c> files beside their extractor and embedded in the assembly
/// (<c>Extraction/Python/FastApi.scm</c> is loaded as <c>Load(Language.Python, "Python/FastApi.scm")</c>).
/// Each (file, language) is compiled once per process and shared by every thread.
/// </summary>
public static class QuerySource
{
    /// <summary>Logical-name prefix of embedded queries; a project embeds its own with the same prefix (see Mesh.Engine.csproj).</summary>
    public const string ResourcePrefix = "Mesh.Engine.Queries/";

    // A memo of immutable compiled queries, keyed by where they came from: not state that changes behaviour.
    private static readonly ConcurrentDictionary<(Assembly Assembly, string Path, Language Language), Lazy<Query>> Cache = new();

    public static Query Load(Language language, string path) => Load(typeof(QuerySource).Assembly, language, path);

    public static Query Load(Assembly assembly, Language language, string path) =>
        Cache.GetOrAdd((assembly, path.Replace('\\', '/'), language),
            key => new Lazy<Query>(() => Compile(key.Assembly, key.Language, key.Path))).Value;

    private static readonly ConcurrentDictionary<(Assembly Assembly, string Paths, Language Language), Lazy<QueryGroup>> Groups = new();

    /// <summary>Embedded queries compiled together, so one pass over a tree runs every one of them (see <see cref="QueryGroup"/>).</summary>
    public static QueryGroup LoadGroup(Language language, IReadOnlyList<string> paths) => LoadGroup(typeof(QuerySource).Assembly, language, paths);

    public static QueryGroup LoadGroup(Assembly assembly, Language language, IReadOnlyList<string> paths) =>
        Groups.GetOrAdd((assembly, string.Join('\n', paths.Select(p => p.Replace('\\', '/'))), language),
            key => new Lazy<QueryGroup>(() => QueryGroup.Compile(language, key.Paths.Split('\n'), path => ReadText(key.Assembly, path)))).Value;

    /// <summary>The text of an embedded query, e.g. to show it in a diagnostic.</summary>
    public static string ReadText(Assembly assembly, string path)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new FileNotFoundException(
                $"no embedded query '{path}' in {assembly.GetName().Name}; embedded: " +
                string.Join(", ", assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                    .Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal).DefaultIfEmpty("(none)")));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Query Compile(Assembly assembly, Language language, string path) =>
        new(language, ReadText(assembly, path), path) { IsShared = true };
}
